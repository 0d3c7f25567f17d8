package io.soundmark.dsp;

/**
 * One time window cut from the processed (mono, resampled) signal.
 *
 * @param index     0-based position in time order
 * @param startSec  window start in seconds
 * @param endSec    window end in seconds
 * @param samples   the window's samples at the processing rate
 */
public record AudioWindow(int index, double startSec, double endSec, float[] samples) {
}
