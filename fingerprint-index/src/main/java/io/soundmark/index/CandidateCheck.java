package io.soundmark.index;

import java.util.List;

/**
 * The fine pass of detection: windows cut exactly where a candidate says its mark starts. First
 * the start: the mark's sharpest probe (see {@link MarkWindows#sharpestProbe()}) is compared with
 * the program a little before, at and after where the candidate puts it, and a parabola through
 * the three scores places it, and with it the start. A candidate whose probe, aligned at its best,
 * does not stand out from the mark's coarse background by the minimum margin is not the mark, and
 * costs no more. Then the verdict: the mark's opening, up to {@link WindowPlan#verifySec()}, is
 * compared whole with the program from that start (the candidate's score), and with the program
 * just before and just after the occurrence (its local background; skipped when the coarse
 * evidence was decisive, {@link #DECISIVE_RATIO} times closer than the mark's background, which
 * then stands in for it). The occurrence is confirmed when the score reaches the absolute minimum
 * and is at least {@code minMargin} times closer to the mark than its background. Of two marks confirmed on the same stretch (marks
 * that sound alike), the one with the larger margin is reported.
 */
final class CandidateCheck {

    /**
     * Coarse evidence this many times closer to the mark than its background needs no local
     * background to be believed: its check then costs two windows less.
     */
    static final double DECISIVE_RATIO = 15;

    /** Seconds between the occurrence and each background window. */
    static final double DECOY_GAP_SEC = 0.5;

    private final WindowPlan plan;
    private final List<MarkWindows> marks;
    private final WindowEmbedder embedder;
    private final double minScore;
    private final double minMargin;
    private final int[] sharpest;

    CandidateCheck(WindowPlan plan, List<MarkWindows> marks, WindowEmbedder embedder, double minScore, double minMargin) {
        this.plan = plan;
        this.marks = marks;
        this.embedder = embedder;
        this.minScore = minScore;
        this.minMargin = minMargin;
        this.sharpest = marks.stream().mapToInt(MarkWindows::sharpestProbe).toArray();
    }

    /** How far either way of a candidate's start the start is searched. */
    double searchSec() {
        return 2 * step();
    }

    private double step() {
        return plan.probeHopSec() / 2;
    }

    /** The latest second of program a check of {@code c} reads. */
    double readsUntilSec(CandidateFinder.Candidate c) {
        MarkWindows m = marks.get(c.mark());
        return c.startSec() + searchSec() + m.lengthSec() + DECOY_GAP_SEC + m.verifySec();
    }

    /** The earliest second of program a check of {@code c} reads. */
    double readsFromSec(CandidateFinder.Candidate c) {
        MarkWindows m = marks.get(c.mark());
        return c.startSec() - searchSec() - DECOY_GAP_SEC - m.verifySec();
    }

    /** The occurrence, or {@code null} when the candidate is not one. {@code endSec}: where the program ends, if known. */
    Detection check(CandidateFinder.Candidate c, AudioRing ring, double endSec, double coarseBackground) {
        MarkWindows mark = marks.get(c.mark());
        int pin = sharpest[c.mark()];
        float[] probe = mark.probes()[pin];
        double offset = pin * plan.probeHopSec();
        double step = step();
        double before = score(ring, c.startSec() + offset - step, plan.windowSec(), probe, endSec);
        double at = score(ring, c.startSec() + offset, plan.windowSec(), probe, endSec);
        double after = score(ring, c.startSec() + offset + step, plan.windowSec(), probe, endSec);
        double center = c.startSec();
        if (before > at && before >= after) { // the peak lies further back: look one step more
            after = at;
            at = before;
            center -= step;
            before = score(ring, center + offset - step, plan.windowSec(), probe, endSec);
        } else if (after > at && after > before) {
            before = at;
            at = after;
            center += step;
            after = score(ring, center + offset + step, plan.windowSec(), probe, endSec);
        }
        double start = center + step * parabolaPeak(before, at, after);
        if ((1 - coarseBackground) / Math.max(1e-9, 1 - at) < minMargin) {
            // aligned at its best, the probe stands out no more than the coarse evidence did: not the mark
            return null;
        }
        double score = score(ring, start, mark.verifySec(), mark.verify(), endSec);
        double left = -1;
        double right = -1;
        if (c.ratio() < DECISIVE_RATIO) { // else the coarse evidence alone stands far enough out
            left = score(ring, start - DECOY_GAP_SEC - mark.verifySec(), mark.verifySec(), mark.verify(), endSec);
            right = score(ring, start + mark.lengthSec() + DECOY_GAP_SEC, mark.verifySec(), mark.verify(), endSec);
        }
        // the program around the occurrence; without it (decisive evidence, or the very edges of a
        // program), the coarse background
        double background = left > -1 || right > -1 ? Math.max(left, right) : coarseBackground;
        double margin = (1 - background) / Math.max(1e-9, 1 - score);
        if (score < minScore || margin < minMargin) {
            return null;
        }
        return new Detection(mark.markId(), Math.max(0, start), Math.max(0, start) + mark.lengthSec(), score, margin);
    }

    /** Offset of the vertex of the parabola through (−1, a), (0, b), (1, c), within ±1. */
    static double parabolaPeak(double a, double b, double c) {
        double curvature = a - 2 * b + c;
        if (curvature >= 0) {
            return 0;
        }
        return Math.max(-1, Math.min(1, 0.5 * (a - c) / curvature));
    }

    /**
     * Cosine of the program window {@code [fromSec, fromSec + lengthSec]} and {@code vector}; −1
     * when the window lies outside the program (before its start, after its end, or no longer held).
     */
    private double score(AudioRing ring, double fromSec, double lengthSec, float[] vector, double endSec) {
        long from = Math.round(fromSec * embedder.sampleRate());
        int length = embedder.samples(lengthSec);
        if (from < 0 || (endSec >= 0 && fromSec + lengthSec > endSec + 1e-9) || !ring.holds(from, length)) {
            return -1;
        }
        return VectorSearch.dot(embedder.embed(ring.copy(from, length)), vector);
    }
}
