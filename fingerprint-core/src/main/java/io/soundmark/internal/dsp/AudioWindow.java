package io.soundmark.internal.dsp;

/**
 * One time window cut from the processed (mono, resampled) signal. Its samples are
 * {@code buffer[offset .. offset + length)}: the iterator's own buffer, valid until its next call
 * (so long inputs cost no copies); use {@link #copyOfSamples()} to keep them.
 *
 * @param index        0-based position in time order
 * @param startSec     window start in seconds
 * @param endSec       window end in seconds
 * @param startSample  window start as a sample index of the processed stream
 * @param buffer       holds the window's samples at the processing rate
 * @param offset       first sample of the window in {@code buffer}
 * @param length       number of samples
 */
public record AudioWindow(int index, double startSec, double endSec, long startSample, float[] buffer, int offset,
                          int length) {

    /** The window's samples, copied. */
    public float[] copyOfSamples() {
        return java.util.Arrays.copyOfRange(buffer, offset, offset + length);
    }
}
