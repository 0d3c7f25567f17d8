package io.soundmark.index;

import java.util.ArrayList;
import java.util.List;

/**
 * The coarse pass of detection. Each scan window is compared with every probe of every mark; the
 * best probe of a mark says where that mark would have started (the window's start minus the
 * probe's offset). Once the scan has passed the end of such a hypothetical occurrence, its
 * evidence is the mean score of all the scan windows inside it against the probes at the offsets
 * the hypothesis implies: a real occurrence scores high all along, at consistent offsets, while a
 * window that merely resembles part of a mark does not. Evidence is judged against the mark's own
 * background (see {@link BackgroundScores}: the mark against generic {@link CalibrationAudio}, then
 * against the program scanned so far) by the ratio of distances
 * {@code (1 − background quantile) / (1 − evidence)}, which reads the same whether the model
 * packs all audio into a narrow cone (random weights: unrelated windows score 0.97–0.99) or
 * spreads it out (trained CLAP). The best hypothesis of a stretch of each mark passing the test
 * becomes a candidate, to be checked with windows cut exactly in place.
 */
final class CandidateFinder {

    /** The background quantile that evidence is measured against. */
    static final double BACKGROUND_QUANTILE = 0.99;
    /** Recent program scores kept per mark. */
    static final int BACKGROUND_CAPACITY = 2000;

    private final WindowPlan plan;
    private final List<MarkWindows> marks;
    private final double candidateRatio;
    private final MarkTrack[] tracks;

    CandidateFinder(WindowPlan plan, List<MarkWindows> marks, double candidateRatio) {
        this.plan = plan;
        this.marks = marks;
        this.candidateRatio = candidateRatio;
        this.tracks = new MarkTrack[marks.size()];
        for (int m = 0; m < tracks.length; m++) {
            tracks[m] = new MarkTrack(m, marks.get(m), plan, new BackgroundScores(marks.get(m).prior(), BACKGROUND_CAPACITY));
        }
    }

    /** A hypothetical occurrence that passed the coarse test. */
    record Candidate(int mark, double startSec, double evidence, double ratio) {
    }

    /** Scores scan window {@code k} (starting at {@code k × hop}) and returns the candidates it settles. */
    List<Candidate> accept(long k, float[] window) {
        List<Candidate> out = new ArrayList<>();
        for (MarkTrack t : tracks) {
            t.accept(k, window, out, candidateRatio, false);
        }
        return out;
    }

    /** The input has ended after scan window {@code lastK}: settles every remaining hypothesis. */
    List<Candidate> finish(long lastK) {
        List<Candidate> out = new ArrayList<>();
        for (MarkTrack t : tracks) {
            t.accept(lastK, null, out, candidateRatio, true);
        }
        return out;
    }

    /** The mark's background quantile now, for reporting margins. */
    double background(int mark) {
        return tracks[mark].background.quantile(BACKGROUND_QUANTILE);
    }

    /**
     * Every evidence value of {@code mark} over a run of scan windows (the calibration audio's): a
     * background known before any program is scanned.
     */
    static double[] evidence(MarkWindows mark, WindowPlan plan, float[][] windows) {
        MarkTrack track = new MarkTrack(0, mark, plan, new BackgroundScores(new double[0], 1));
        track.evaluated = new ArrayList<>();
        List<Candidate> ignored = new ArrayList<>();
        for (int k = 0; k < windows.length; k++) {
            track.accept(k, windows[k], ignored, Double.POSITIVE_INFINITY, false);
        }
        track.accept(Math.max(0, windows.length - 1), null, ignored, Double.POSITIVE_INFINITY, true);
        return track.evaluated.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** One mark's recent scores, hypotheses waiting for their windows, and the best pending candidate. */
    private static final class MarkTrack {
        final int index;
        final MarkWindows mark;
        final WindowPlan plan;
        final BackgroundScores background;
        final int keep;
        final float[][] rows;        // scores of recent windows against each probe, by k % keep
        final long[] rowK;
        final List<double[]> hypotheses = new ArrayList<>(); // {startSec, readyK}
        List<Double> evaluated; // set only when computing a prior: a scan keeps nothing per hypothesis
        Candidate pending;

        MarkTrack(int index, MarkWindows mark, WindowPlan plan, BackgroundScores background) {
            this.index = index;
            this.mark = mark;
            this.plan = plan;
            this.background = background;
            this.keep = (int) Math.ceil(mark.lengthSec() / plan.hopSec()) + 2;
            this.rows = new float[keep][];
            this.rowK = new long[keep];
            java.util.Arrays.fill(rowK, -1);
        }

        void accept(long k, float[] window, List<Candidate> out, double ratio, boolean end) {
            if (window != null) {
                float[] row = new float[mark.probes().length];
                int best = 0;
                for (int p = 0; p < row.length; p++) {
                    row[p] = (float) VectorSearch.dot(window, mark.probes()[p]);
                    if (row[p] > row[best]) {
                        best = p;
                    }
                }
                rows[(int) (k % keep)] = row;
                rowK[(int) (k % keep)] = k;
                addHypothesis(k * plan.hopSec() - best * plan.probeHopSec());
            }
            for (int i = 0; i < hypotheses.size(); ) {
                double[] h = hypotheses.get(i);
                if (h[1] <= k || end) {
                    hypotheses.remove(i);
                    judge(h[0], evidence(h[0], Math.min((long) h[1], k)), ratio, out);
                } else {
                    i++;
                }
            }
            double now = (k + 1) * plan.hopSec();
            if (pending != null && (end || pending.startSec() + 2 * mark.lengthSec() + plan.windowSec() <= now)) {
                out.add(pending); // nothing overlapping it can still turn up
                pending = null;
            }
        }

        private void addHypothesis(double start) {
            if (start < -plan.probeHopSec() / 2) {
                return; // a mark cut off by the start of the input: no start to report
            }
            for (double[] h : hypotheses) {
                if (Math.abs(h[0] - start) < plan.probeHopSec() / 2) {
                    return;
                }
            }
            long ready = (long) Math.floor((start + mark.lengthSec() - plan.windowSec()) / plan.hopSec() + 1e-9);
            hypotheses.add(new double[] {start, Math.max(ready, Math.round(Math.max(0, start) / plan.hopSec()))});
        }

        /** Mean score of the windows inside {@code [start, start + length]} at the offsets it implies. */
        private double evidence(double start, long lastK) {
            double sum = 0;
            int n = 0;
            long first = (long) Math.ceil(start / plan.hopSec() - 1e-9);
            for (long k = Math.max(0, first); k <= lastK; k++) {
                float[] row = rows[(int) (k % keep)];
                if (rowK[(int) (k % keep)] != k) {
                    continue;
                }
                double at = (k * plan.hopSec() - start) / plan.probeHopSec();
                int lo = (int) Math.max(0, Math.min(row.length - 1, Math.floor(at)));
                int hi = (int) Math.max(0, Math.min(row.length - 1, Math.ceil(at)));
                sum += Math.max(row[lo], row[hi]);
                n++;
            }
            if (n == 0) { // a mark shorter than a window plus a step: the window the hypothesis came from
                long k = Math.max(0, Math.round(start / plan.hopSec()));
                return rowK[(int) (k % keep)] == k ? rows[(int) (k % keep)][0] : -1;
            }
            return sum / n;
        }

        private void judge(double start, double evidence, double ratio, List<Candidate> out) {
            if (evaluated != null) {
                evaluated.add(evidence);
            }
            double quantile = background.quantile(BACKGROUND_QUANTILE);
            double r = (1 - quantile) / Math.max(1e-9, 1 - evidence);
            if (background.count() == 0 || r < ratio) {
                background.add(evidence);
                return;
            }
            Candidate c = new Candidate(index, start, evidence, r);
            if (pending == null) {
                pending = c;
            } else if (start < pending.startSec() + mark.lengthSec() && pending.startSec() < start + mark.lengthSec()) {
                if (evidence > pending.evidence()) {
                    pending = c; // the better of two overlapping hypotheses of one mark
                }
            } else {
                out.add(pending);
                pending = c;
            }
        }
    }
}
