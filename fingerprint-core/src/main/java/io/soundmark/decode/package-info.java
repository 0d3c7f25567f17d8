/**
 * <b>SPI</b> for audio decoders. A decoder module implements
 * {@link io.soundmark.decode.AudioDecoderProvider} (listed in
 * {@code META-INF/services/io.soundmark.decode.AudioDecoderProvider}), which probes an input's first
 * bytes ({@link io.soundmark.decode.MediaProbe}) and opens a {@link io.soundmark.decode.PcmStream}.
 * {@link io.soundmark.decode.JavaSoundPcmStream} adapts decoders built on Java Sound service
 * providers. Users never call these types.
 */
package io.soundmark.decode;
