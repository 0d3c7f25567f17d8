package io.soundmark.index;

/**
 * One mark as a detector compares it: its probes (windows of the scan's length at the plan's fine
 * step, all unit vectors) and one longer window from its start (up to the plan's verify length)
 * that candidates are checked against, aligned.
 *
 * @param markId     the mark's source id in the marks index
 * @param lengthSec  the mark's duration
 * @param probes     probe {@code i} starts {@code i × probeHopSec} into the mark
 * @param verify     the window {@code [0, verifySec]} of the mark
 * @param verifySec  its length: the mark's, at most the plan's verify length
 * @param prior      the mark's coarse evidence against {@link CalibrationAudio}: its first background
 */
record MarkWindows(String markId, double lengthSec, float[][] probes, float[] verify, double verifySec, double[] prior) {

    /**
     * The probe that pins a start down best: the one least like its neighbours (a quarter window
     * either way), where the mark changes most, rather than a fade-in or a held note that looks
     * the same a little earlier or later.
     */
    int sharpestProbe() {
        int best = 0;
        double bestSimilarity = Double.POSITIVE_INFINITY;
        for (int p = 0; p < probes.length && probes.length > 1; p++) {
            double similar = Math.max(p > 0 ? VectorSearch.dot(probes[p], probes[p - 1]) : -1,
                    p + 1 < probes.length ? VectorSearch.dot(probes[p], probes[p + 1]) : -1);
            if (similar < bestSimilarity) {
                bestSimilarity = similar;
                best = p;
            }
        }
        return best;
    }

    /** How many probes a mark of {@code lengthSec} has under {@code plan}. */
    static int probeCount(double lengthSec, WindowPlan plan) {
        return (int) Math.floor((lengthSec - plan.windowSec()) / plan.probeHopSec() + 1e-9) + 1;
    }
}
