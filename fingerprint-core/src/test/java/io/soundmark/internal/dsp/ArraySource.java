package io.soundmark.internal.dsp;

/** Samples from an array, handed out in chunks of at most {@code chunk}. */
final class ArraySource implements SampleSource {
    private final SampleSource samples;
    private final int chunk;

    ArraySource(float[] samples, int rate, int chunk) {
        this.samples = SampleSource.of(samples, rate);
        this.chunk = chunk;
    }

    ArraySource(float[] samples, int rate) {
        this(samples, rate, Integer.MAX_VALUE);
    }

    @Override
    public int sampleRate() {
        return samples.sampleRate();
    }

    @Override
    public int read(float[] buffer, int offset, int length) throws java.io.IOException {
        return samples.read(buffer, offset, Math.min(length, chunk));
    }

    /** Everything a source yields, read {@code chunk} samples at a time. */
    static float[] drain(SampleSource source, int chunk) throws java.io.IOException {
        float[] out = new float[1024];
        int size = 0;
        float[] buf = new float[chunk];
        for (int n; (n = source.read(buf, 0, chunk)) >= 0; ) {
            if (size + n > out.length) {
                out = java.util.Arrays.copyOf(out, Math.max(size + n, out.length * 2));
            }
            System.arraycopy(buf, 0, out, size, n);
            size += n;
        }
        return java.util.Arrays.copyOf(out, size);
    }
}
