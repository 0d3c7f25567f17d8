package io.soundmark.index;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.ModelException;
import io.soundmark.SegmentEmbedding;
import java.util.List;

/**
 * Runs windows that a detector cut itself through the fingerprinter's model, one PCM input per
 * window (the fingerprinter makes one record of an input no longer than its segment duration),
 * and counts the model calls.
 *
 * <p>Each window is first brought to one loudness (RMS −20 dBFS, raised by at most 40 dB), so
 * that a mark played louder or softer than it was registered still matches: the model's features
 * are log-mel levels, and models (random ones especially) move their vectors with the level.
 */
final class WindowEmbedder {

    private static final double TARGET_RMS = 0.1;
    private static final double MAX_GAIN = 100;

    private final AudioFingerprinter fingerprinter;
    private final int sampleRate;
    private long calls;

    WindowEmbedder(AudioFingerprinter fingerprinter) {
        this.fingerprinter = fingerprinter;
        this.sampleRate = fingerprinter.options().sampleRate();
    }

    int sampleRate() {
        return sampleRate;
    }

    /** Samples in {@code seconds} at the processing rate. */
    int samples(double seconds) {
        return (int) Math.round(seconds * sampleRate);
    }

    /** The unit vector of one window of mono samples at the processing rate (levelled in place). */
    float[] embed(float[] window) {
        level(window);
        List<SegmentEmbedding> records = fingerprinter.fingerprint(FingerprintInput.pcm(window, sampleRate, 1));
        calls++;
        if (records.size() != 1) {
            throw new ModelException("a detection window of " + window.length + " samples gave " + records.size()
                    + " records; the fingerprinter's segment duration must be at least the window's", null);
        }
        return IndexDocuments.unit(records.get(0).embedding());
    }

    static void level(float[] window) {
        double sum = 0;
        for (float v : window) {
            sum += (double) v * v;
        }
        double rms = Math.sqrt(sum / Math.max(1, window.length));
        float gain = (float) Math.min(MAX_GAIN, TARGET_RMS / Math.max(rms, 1e-12));
        for (int i = 0; i < window.length; i++) {
            window[i] *= gain;
        }
    }

    long calls() {
        return calls;
    }
}
