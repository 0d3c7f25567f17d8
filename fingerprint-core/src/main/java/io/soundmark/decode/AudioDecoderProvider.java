package io.soundmark.decode;

import java.io.IOException;
import java.util.OptionalInt;

/**
 * Service-provider interface for audio decoders, discovered with {@link java.util.ServiceLoader}.
 *
 * <p>A decoder module lists its implementation in
 * {@code META-INF/services/io.soundmark.decode.AudioDecoderProvider}. For each input the core
 * reads the first bytes, asks every provider to {@link #probe} them, and opens the input with the
 * provider that answered the highest priority. Detection is by content, never by file name.
 *
 * <p>Suggested priorities: 100 for a native Java decoder of a format it reads completely, 50 for a
 * general fallback (such as FFmpeg). Implementations must be thread-safe and have a public no-arg
 * constructor.
 */
public interface AudioDecoderProvider {

    /** Short name used in messages and to force a decoder, e.g. {@code "javasound"}. */
    String name();

    /**
     * Whether this provider reads the probed media.
     *
     * @return the priority to decode it with, or empty if it is not a format of this provider
     */
    OptionalInt probe(MediaProbe probe);

    /**
     * Opens the media for decoding. The stream of {@code probe} is positioned at the first byte.
     *
     * @throws IOException when the media cannot be decoded; the message should say why
     */
    PcmStream open(MediaProbe probe) throws IOException;
}
