/**
 * <b>SPI</b> for input locations, and the options every location honours. A source module
 * implements {@link io.soundmark.io.MediaSourceProvider} for its URI schemes (listed in
 * {@code META-INF/services/io.soundmark.io.MediaSourceProvider}); {@link io.soundmark.io.SourceOptions}
 * (an API type, set on the fingerprinter's builder) carries the timeouts, size limit, allowed
 * schemes and provider settings; {@link io.soundmark.io.LimitedInputStream} and
 * {@link io.soundmark.io.DisplayUri} help providers enforce the limit and keep secrets out of messages.
 */
package io.soundmark.io;
