package io.soundmark.internal.dsp;

/**
 * Triangular mel filters on the Slaney mel scale with Slaney area normalisation, as built by
 * {@code transformers.audio_utils.mel_filter_bank(norm="slaney", mel_scale="slaney")}.
 *
 * <p>Stored sparsely: filter {@code m} covers FFT bins {@code first[m] .. first[m] + weights[m].length - 1}.
 */
final class MelFilterBank {

    private static final double MIN_LOG_HERTZ = 1000.0;
    private static final double MIN_LOG_MEL = 15.0;
    private static final double LOG_STEP = 27.0 / Math.log(6.4);

    private final int[] first;
    private final double[][] weights;

    MelFilterBank(int fftBins, int melBins, double minFrequency, double maxFrequency, int sampleRate) {
        double minMel = hertzToMel(minFrequency);
        double maxMel = hertzToMel(maxFrequency);
        double[] edges = new double[melBins + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHertz(minMel + (maxMel - minMel) * i / (melBins + 1));
        }
        double[] binFrequency = new double[fftBins];
        for (int k = 0; k < fftBins; k++) {
            binFrequency[k] = (sampleRate / 2.0) * k / (fftBins - 1);
        }
        first = new int[melBins];
        weights = new double[melBins][];
        for (int m = 0; m < melBins; m++) {
            double lower = edges[m];
            double centre = edges[m + 1];
            double upper = edges[m + 2];
            double norm = 2.0 / (upper - lower);
            double[] dense = new double[fftBins];
            int lo = -1;
            int hi = -1;
            for (int k = 0; k < fftBins; k++) {
                double down = (binFrequency[k] - lower) / (centre - lower);
                double up = (upper - binFrequency[k]) / (upper - centre);
                double w = Math.max(0.0, Math.min(down, up));
                if (w > 0) {
                    dense[k] = w * norm;
                    if (lo < 0) {
                        lo = k;
                    }
                    hi = k;
                }
            }
            if (lo < 0) {
                lo = 0;
                hi = -1;
            }
            first[m] = lo;
            weights[m] = java.util.Arrays.copyOfRange(dense, lo, hi + 1);
        }
    }

    int size() {
        return first.length;
    }

    /** Number of leading FFT bins the filters read: bins from here on never matter. */
    int binsUsed() {
        int used = 0;
        for (int m = 0; m < first.length; m++) {
            used = Math.max(used, first[m] + weights[m].length);
        }
        return used;
    }

    /** Mel energy of filter {@code m} over a power spectrum. */
    double apply(int m, double[] power) {
        double[] w = weights[m];
        int offset = first[m];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i] * power[offset + i];
        }
        return sum;
    }

    static double hertzToMel(double hz) {
        return hz < MIN_LOG_HERTZ ? 3.0 * hz / 200.0 : MIN_LOG_MEL + Math.log(hz / MIN_LOG_HERTZ) * LOG_STEP;
    }

    static double melToHertz(double mel) {
        return mel < MIN_LOG_MEL ? 200.0 * mel / 3.0 : MIN_LOG_HERTZ * Math.exp((mel - MIN_LOG_MEL) / LOG_STEP);
    }
}
