package io.soundmark.index;

import java.util.Arrays;

/**
 * What one mark scores against audio that is not the mark: a fixed prior (the mark against the
 * other marks) and the most recent scores against the scanned program itself, from which a high
 * quantile is read. Scores that passed the candidate test are not added, so that a mark's own
 * occurrences do not raise its bar.
 */
final class BackgroundScores {

    private final double[] prior;
    private final double[] recent;
    private int size;
    private int next;
    private double[] sorted = new double[0];
    private boolean dirty = true;

    BackgroundScores(double[] prior, int capacity) {
        this.prior = prior.clone();
        this.recent = new double[capacity];
    }

    void add(double score) {
        recent[next] = score;
        next = (next + 1) % recent.length;
        size = Math.min(size + 1, recent.length);
        dirty = true;
    }

    /** How many scores the quantile is read from. */
    int count() {
        return prior.length + size;
    }

    /** The {@code q} quantile (0 to 1) of the prior and recent scores; −1 when there are none. */
    double quantile(double q) {
        if (dirty) {
            int n = count();
            if (sorted.length != n) {
                sorted = new double[n];
            }
            System.arraycopy(prior, 0, sorted, 0, prior.length);
            System.arraycopy(recent, 0, sorted, prior.length, size);
            Arrays.sort(sorted);
            dirty = false;
        }
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
