package io.soundmark.internal.dsp;

import java.io.IOException;
import java.util.function.DoubleSupplier;

/**
 * Cuts a sample stream into the overlapping windows of SPEC, reading only as far as needed.
 *
 * <p>With {@code L = min(T, maxLength)}, {@code d} the duration and {@code h} the hop, window
 * {@code i} spans {@code [i·h, min(i·h + d, L)]}; windows are produced while {@code i·h < L} and
 * stop after the first one that ends at {@code L}. Sample bounds are {@code round(t · rate)}.
 * Nothing beyond {@code maxLength} is read, and only one window's samples are held at a time; the
 * windows handed out share the iterator's buffer (see {@link AudioWindow}).
 *
 * <pre>{@code
 * WindowIterator windows = new WindowIterator(source, 5.0, 2.5, 120.0, () -> duration);
 * for (AudioWindow w; (w = windows.next()) != null; ) { ... }
 * }</pre>
 */
public final class WindowIterator {

    private final SampleSource source;
    private final double duration;
    private final double hop;
    private final double maxLength;
    private final int rate;
    private final long maxSamples;
    private final DoubleSupplier sourceDuration;

    private float[] buffer = new float[8192];
    private long bufferStart;      // absolute index of buffer[0]
    private long available;        // absolute index one past the last buffered sample
    private boolean ended;         // no more samples: end of source or maxLength reached
    private boolean sourceEnded;   // the source itself ended (as opposed to the length limit)
    private int index;
    private boolean done;

    /**
     * @param source          processed mono samples
     * @param durationSec     window duration {@code d}
     * @param hopSec          hop {@code h}
     * @param maxLengthSec    audio beyond this is ignored
     * @param sourceDuration  duration {@code T} of the whole source in seconds, asked once the
     *                        source has ended before {@code maxLengthSec}
     */
    public WindowIterator(SampleSource source, double durationSec, double hopSec, double maxLengthSec,
                          DoubleSupplier sourceDuration) {
        this.source = source;
        this.duration = durationSec;
        this.hop = hopSec;
        this.maxLength = maxLengthSec;
        this.rate = source.sampleRate();
        this.maxSamples = Math.round(maxLengthSec * rate);
        this.sourceDuration = sourceDuration;
    }

    /** The next window, or {@code null} when there are no more. */
    public AudioWindow next() throws IOException {
        if (done) {
            return null;
        }
        double startSec = index * hop;
        long start = Math.round(startSec * rate);
        long nominalEnd = Math.round((startSec + duration) * rate);
        discardBefore(start);
        fill(nominalEnd + 1); // one sample more tells whether this window is the last
        if (ended && start >= available) {
            done = true;
            return null;
        }
        long end = Math.min(nominalEnd, available);
        double endSec = startSec + duration;
        if (ended && nominalEnd >= available) {
            done = true;
            double length = sourceEnded ? Math.min(sourceDuration.getAsDouble(), maxLength) : maxLength;
            endSec = Math.min(endSec, length);
        }
        return new AudioWindow(index++, startSec, endSec, start, buffer, (int) (start - bufferStart), (int) (end - start));
    }

    private void discardBefore(long start) {
        int drop = (int) Math.min(start - bufferStart, available - bufferStart);
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, (int) (available - bufferStart) - drop);
            bufferStart += drop;
        }
    }

    private void fill(long target) throws IOException {
        target = Math.min(target, maxSamples);
        while (!ended && available < target) {
            int held = (int) (available - bufferStart);
            int wanted = (int) (target - available);
            if (buffer.length - held < wanted) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(held + wanted, buffer.length * 2));
            }
            int n = source.read(buffer, held, wanted);
            if (n < 0) {
                ended = true;
                sourceEnded = true;
            } else {
                available += n;
            }
        }
        if (available >= maxSamples) {
            ended = true;
        }
    }
}
