package io.soundmark.decode;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * Decoded audio: interleaved float frames in [-1, 1] at a fixed rate and channel count.
 *
 * <p>Decoders return one per input; the pipeline downmixes and resamples it. Not thread-safe.
 *
 * <p>What the core relies on, so that hostile input gets an honest result:
 * <ul>
 *   <li>{@link #frameLength()} states only a length that the input can hold: a decoder checks the
 *       length its header states against {@link MediaProbe#size()} (and the container) and
 *       reports none, or fails, when they disagree.</li>
 *   <li>{@link #read} throws {@link IOException} when the media turns out corrupt or truncated,
 *       rather than ending quietly. The core keeps what was decoded before and warns how much was
 *       lost (an error in strict mode); when nothing at all could be decoded it is an error.</li>
 *   <li>{@link #read} never blocks for ever: a decoder reading a stream relies on the stream's
 *       own timeouts, which the core's media sources set.</li>
 * </ul>
 */
public interface PcmStream extends AutoCloseable {

    /** Sample rate in Hz. */
    int sampleRate();

    /** Number of interleaved channels (at least 1). */
    int channels();

    /** Total frames, when the container states it; empty when unknown until the end. */
    OptionalLong frameLength();

    /**
     * Reads up to {@code frames} frames ({@code frames × channels()} floats) into {@code buffer}.
     *
     * @return frames read (at least 1 when {@code frames > 0}), or -1 at the end of the audio
     * @throws IOException when the media is corrupt or cannot be read
     */
    int read(float[] buffer, int frames) throws IOException;

    @Override
    void close() throws IOException;
}
