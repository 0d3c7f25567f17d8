package io.soundmark;

import io.soundmark.decode.PcmStream;
import java.util.OptionalLong;

/** Caller-supplied interleaved float PCM. */
final class ArrayPcmStream implements PcmStream {

    private final float[] samples;
    private final int rate;
    private final int channels;
    private int position; // in samples

    ArrayPcmStream(float[] samples, int rate, int channels) {
        this.samples = samples;
        this.rate = rate;
        this.channels = channels;
    }

    @Override
    public int sampleRate() {
        return rate;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public OptionalLong frameLength() {
        return OptionalLong.of(samples.length / channels);
    }

    @Override
    public int read(float[] buffer, int frames) {
        int left = (samples.length - position) / channels;
        if (left == 0) {
            return -1;
        }
        int n = Math.min(frames, left);
        System.arraycopy(samples, position, buffer, 0, n * channels);
        position += n * channels;
        return n;
    }

    @Override
    public void close() {
        // nothing held
    }
}
