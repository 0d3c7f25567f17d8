package io.soundmark.dsp;

/** Samples from an array, handed out in chunks of at most {@code chunk}. */
final class ArraySource implements SampleSource {
    private final float[] samples;
    private final int rate;
    private final int chunk;
    private int position;

    ArraySource(float[] samples, int rate, int chunk) {
        this.samples = samples;
        this.rate = rate;
        this.chunk = chunk;
    }

    ArraySource(float[] samples, int rate) {
        this(samples, rate, Integer.MAX_VALUE);
    }

    @Override
    public int sampleRate() {
        return rate;
    }

    @Override
    public int read(float[] buffer, int offset, int length) {
        if (position == samples.length) {
            return -1;
        }
        int n = Math.min(Math.min(length, chunk), samples.length - position);
        System.arraycopy(samples, position, buffer, offset, n);
        position += n;
        return n;
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
