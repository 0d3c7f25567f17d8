package io.soundmark.index;

import io.soundmark.model.ModelManifest;
import java.util.Collection;

/**
 * The windows a detector cuts, chosen from the marks' lengths. Every window costs one model call
 * whatever its length (the front end repeat-pads it to 10 s), so the scan uses as few as the
 * shortest mark allows: windows of half its length (at least 1 s, at most 5 s), each starting
 * where the last one ended, so that every occurrence of every mark holds a whole scan window; for
 * marks under 2 s the windows overlap (a step of 0.5 s, as the fingerprinter allows at least), so
 * that one covers at least three quarters of each occurrence. Each mark is cut into windows of the
 * same length at a quarter of that length apart (its probes), so that a scan window inside an
 * occurrence is never more than an eighth of a window off one of them; candidates are then checked
 * with windows cut exactly where the mark would be.
 *
 * @param windowSec     length of scan windows and probes
 * @param hopSec        step between scan windows
 * @param probeHopSec   step between a mark's probes
 * @param verifySec     longest window compared whole when a candidate is checked (a mark's own
 *                      length when shorter)
 */
public record WindowPlan(double windowSec, double hopSec, double probeHopSec, double verifySec) {

    /** Marks shorter than this cannot be scanned with windows the model sees enough of. */
    public static final double MIN_MARK_SEC = 1.0;
    /** Shorter windows, repeat-padded ten times over and more, carry too little of a mark. */
    static final double MIN_WINDOW_SEC = 1.0;
    /** Longer scan windows would only lower the calls per second below what decoding costs anyway. */
    static final double MAX_WINDOW_SEC = 5.0;
    /** The fingerprinter's smallest step, and the finest that the scan needs for the shortest marks. */
    static final double MIN_HOP_SEC = 0.5;
    /** A window over 10 s costs two model calls. */
    static final double MAX_VERIFY_SEC = 10.0;
    /** Probes per scan window's length: the offset of the nearest probe is at most an eighth of a window off. */
    static final int PROBES_PER_WINDOW = 4;

    /**
     * The plan for marks of these lengths, with windows no longer than the fingerprinter's
     * segment duration.
     *
     * @throws IllegalArgumentException when there is no mark, or one is shorter than {@value #MIN_MARK_SEC} s
     */
    static WindowPlan forMarks(Collection<Double> lengthsSec, double maxWindowSec) {
        double shortest = lengthsSec.stream().mapToDouble(Double::doubleValue).min()
                .orElseThrow(() -> new IllegalArgumentException("no marks to detect"));
        if (shortest < MIN_MARK_SEC) {
            throw new IllegalArgumentException("a mark is " + shortest + " s long; marks must be at least "
                    + MIN_MARK_SEC + " s");
        }
        double window = Math.min(Math.max(MIN_WINDOW_SEC, Math.min(shortest / 2, MAX_WINDOW_SEC)), maxWindowSec);
        window = Math.floor(window * 100) / 100; // whole hundredths: the same plan from the same marks
        double hop = Math.max(MIN_HOP_SEC, Math.floor(Math.min(window, shortest - window) * 100) / 100);
        return new WindowPlan(window, hop, window / PROBES_PER_WINDOW, Math.min(MAX_VERIFY_SEC, maxWindowSec));
    }

    /** Model calls per second of program for the scan alone. */
    public double scanCallsPerSecond() {
        return 1 / hopSec;
    }

    /**
     * A stable name for probes cut with this plan by a model, to cache them under. The precision is
     * part of it: a bf16 variant's vectors differ from fp32's by a few 1e-5, as much as the margins
     * of a random-weight model's scores.
     */
    String cacheKey(ModelManifest model, int sampleRate) {
        return "v1|" + model.id() + "|" + model.precision().manifestName() + "|" + sampleRate
                + "|" + windowSec + "|" + hopSec + "|" + probeHopSec + "|" + verifySec;
    }
}
