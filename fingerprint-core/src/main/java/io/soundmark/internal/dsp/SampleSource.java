package io.soundmark.internal.dsp;

import java.io.IOException;

/** A pull source of mono float samples at a fixed rate: the currency of the DSP stages. */
public interface SampleSource {

    /** Sample rate in Hz. */
    int sampleRate();

    /**
     * Reads up to {@code length} samples into {@code buffer}.
     *
     * @return the number of samples read (at least 1 when {@code length > 0}), or -1 at the end
     */
    int read(float[] buffer, int offset, int length) throws IOException;

    /** The samples of an array, at {@code sampleRate}. */
    static SampleSource of(float[] samples, int sampleRate) {
        return new SampleSource() {
            private int position;

            @Override
            public int sampleRate() {
                return sampleRate;
            }

            @Override
            public int read(float[] buffer, int offset, int length) {
                if (position == samples.length) {
                    return -1;
                }
                int n = Math.min(length, samples.length - position);
                System.arraycopy(samples, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }
}
