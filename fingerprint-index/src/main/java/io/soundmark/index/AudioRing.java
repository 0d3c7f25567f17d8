package io.soundmark.index;

/**
 * The most recent stretch of a program's audio, by absolute sample position, so that windows can
 * be cut again around a candidate after the scan has passed it. Memory is fixed by the capacity,
 * however long the program runs.
 */
final class AudioRing {

    private final float[] samples;
    private long end; // absolute position one past the newest sample

    AudioRing(int capacity) {
        this.samples = new float[capacity];
    }

    /** Appends {@code length} samples; the oldest ones beyond the capacity are forgotten. */
    void append(float[] source, int offset, int length) {
        for (int i = 0; i < length; ) {
            int at = (int) (end % samples.length);
            int n = Math.min(length - i, samples.length - at);
            System.arraycopy(source, offset + i, samples, at, n);
            i += n;
            end += n;
        }
    }

    /** One past the newest sample's absolute position. */
    long end() {
        return end;
    }

    /** The oldest absolute position still held. */
    long start() {
        return Math.max(0, end - samples.length);
    }

    /** Whether {@code [from, from + length)} is held. */
    boolean holds(long from, int length) {
        return from >= start() && from + length <= end;
    }

    /** A copy of {@code [from, from + length)}, which must be held. */
    float[] copy(long from, int length) {
        if (!holds(from, length)) {
            throw new IllegalArgumentException("samples " + from + " to " + (from + length) + " are not held ("
                    + start() + " to " + end + ")");
        }
        float[] out = new float[length];
        for (int i = 0; i < length; ) {
            int at = (int) ((from + i) % samples.length);
            int n = Math.min(length - i, samples.length - at);
            System.arraycopy(samples, at, out, i, n);
            i += n;
        }
        return out;
    }
}
