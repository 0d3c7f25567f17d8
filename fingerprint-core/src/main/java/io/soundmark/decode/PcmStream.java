package io.soundmark.decode;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * Decoded audio: interleaved float frames in [-1, 1] at a fixed rate and channel count.
 *
 * <p>Decoders return one per input; the pipeline downmixes and resamples it. Not thread-safe.
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
