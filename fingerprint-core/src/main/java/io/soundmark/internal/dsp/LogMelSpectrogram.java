package io.soundmark.internal.dsp;

import io.soundmark.model.FeatureSettings;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The CLAP log-mel front end: repeat-pad to {@link FeatureSettings#maxSamples()} (computed on the
 * fly, never materialised), centred STFT
 * with reflect padding and a periodic Hann window, power spectrum, Slaney mel filters, then
 * {@code 10·log10(max(1e-10, mel))}.
 *
 * <p>Matches {@code ClapFeatureExtractor} (the FFT runs in double precision and each bin is rounded
 * to float32 before the power is taken, as NumPy's {@code complex64} spectrogram does). Output is
 * row-major {@code [frames][melBins]}.
 *
 * <p>An instance keeps scratch buffers (and, for streams, the frames it can share between
 * overlapping windows) and is not thread-safe; use one per thread.
 *
 * <pre>{@code
 * LogMelSpectrogram logMel = new LogMelSpectrogram(FeatureSettings.clapHtsatUnfused());
 * float[] features = logMel.compute(window, 0, window.length);   // 1001 × 64 values
 * }</pre>
 */
public final class LogMelSpectrogram {

    private static final double MEL_FLOOR = 1e-10;

    private final FeatureSettings settings;
    private final MelFilterBank melFilters;
    private final DoubleFFT_1D fft;
    private final double[] window;
    private final double[] frame;
    private final double[] power;
    private final int binsUsed;
    private final java.util.TreeMap<Long, float[]> sharedRows = new java.util.TreeMap<>();
    private final java.util.ArrayDeque<float[]> spareRows = new java.util.ArrayDeque<>();
    private long framesComputed;

    public LogMelSpectrogram(FeatureSettings settings) {
        this.settings = settings;
        int n = settings.fftSize();
        this.melFilters = new MelFilterBank(n / 2 + 1, settings.melBins(), settings.minFrequency(),
                settings.maxFrequency(), settings.sampleRate());
        this.fft = new DoubleFFT_1D(n);
        this.window = new double[n];
        for (int k = 0; k < n; k++) {
            window[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / n);
        }
        this.frame = new double[n];
        this.power = new double[n / 2 + 1];
        this.binsUsed = melFilters.binsUsed();
    }

    /**
     * Features of one model input.
     *
     * @param samples mono samples at the settings' rate
     * @param offset  first sample to use
     * @param length  number of samples, 1 to {@link FeatureSettings#maxSamples()}
     * @return {@code frames × melBins} log-mel values in dB, frame-major
     */
    public float[] compute(float[] samples, int offset, int length) {
        float[] out = new float[settings.blockSize()];
        compute(samples, offset, length, out, 0);
        return out;
    }

    /** As {@link #compute(float[], int, int)}, writing into {@code out} at {@code outOffset}. */
    public void compute(float[] samples, int offset, int length, float[] out, int outOffset) {
        compute(samples, offset, length, -1, out, outOffset);
    }

    /**
     * As {@link #compute(float[], int, int, float[], int)} for a stretch of one continuous stream,
     * {@code samples[offset]} being sample {@code streamPosition} of it. Frames made of the stream's
     * own samples (not of repeat-padding seams, zeros or reflections) are remembered by stream
     * position and reused by later calls: overlapping windows, and the repeated copies inside a
     * repeat-padded window, share them. Reused rows are the very values a fresh computation gives.
     * Call {@link #forgetBefore(long)} as the stream advances to bound the memory.
     *
     * @param streamPosition the stream position of {@code samples[offset]}, or -1 to share nothing
     */
    public void compute(float[] samples, int offset, int length, long streamPosition, float[] out, int outOffset) {
        int max = settings.maxSamples();
        if (length < 1 || length > max) {
            throw new IllegalArgumentException("window length must be in 1.." + max + ", got " + length);
        }
        int n = settings.fftSize();
        int half = n / 2;
        int hop = settings.hopLength();
        int frames = settings.frames();
        int mels = melFilters.size();
        int padded = settings.maxSamples();
        int tiled = (padded / length) * length;   // repeat-pad: the window tiled, then zeros
        for (int t = 0; t < frames; t++) {
            int start = t * hop - half;
            int row = outOffset + t * mels;
            long key = streamPosition < 0 ? -1 : plainFramePosition(start, n, length, tiled, padded, streamPosition);
            float[] cached = key < 0 ? null : sharedRows.get(key);
            if (cached != null) {
                System.arraycopy(cached, 0, out, row, mels);
                continue;
            }
            if (start >= 0 && start + n <= padded) {
                int j = start;
                int phase = start % length;
                for (int k = 0; k < n; k++, j++) {
                    frame[k] = j < tiled ? samples[offset + phase] * window[k] : 0.0;
                    if (++phase == length) {
                        phase = 0;
                    }
                }
            } else {
                for (int k = 0; k < n; k++) {
                    int j = reflect(start + k, padded);
                    frame[k] = j < tiled ? samples[offset + j % length] * window[k] : 0.0;
                }
            }
            fft.realForward(frame);
            framesComputed++;
            powerSpectrum();
            for (int m = 0; m < mels; m++) {
                out[row + m] = (float) (10.0 * Math.log10(Math.max(MEL_FLOOR, melFilters.apply(m, power))));
            }
            if (key >= 0) {
                float[] keep = spareRows.isEmpty() ? new float[mels] : spareRows.pop();
                System.arraycopy(out, row, keep, 0, mels);
                sharedRows.put(key, keep);
            }
        }
    }

    /** Frames transformed so far (shared ones are not counted again). */
    long framesComputed() {
        return framesComputed;
    }

    /** Forgets the shared frames that start before {@code streamPosition}. */
    public void forgetBefore(long streamPosition) {
        var old = sharedRows.headMap(streamPosition);
        spareRows.addAll(old.values());
        old.clear();
    }

    /**
     * The stream position of a frame that lies wholly inside one repeat-padded copy of the window
     * (no seam, zeros or reflection), or -1.
     */
    private static long plainFramePosition(int start, int n, int length, int tiled, int padded, long streamPosition) {
        if (start < 0 || start + n > Math.min(tiled, padded)) {
            return -1;
        }
        int copy = start / length;
        int within = start - copy * length;
        return within + n <= length ? streamPosition + within : -1;
    }

    /** Index into the padded signal for NumPy's "reflect" centring (mirror without repeating the edge). */
    private static int reflect(int i, int size) {
        int last = size - 1;
        if (i < 0) {
            return -i;
        }
        return i > last ? 2 * last - i : i;
    }

    /** |X|² from JTransforms' packed real FFT, each part rounded to float32 first; only the bins the filters read. */
    private void powerSpectrum() {
        int n = frame.length;
        power[0] = square((float) frame[0]);
        int end = Math.min(binsUsed, n / 2);
        for (int k = 1; k < end; k++) {
            double re = (float) frame[2 * k];
            double im = (float) frame[2 * k + 1];
            power[k] = re * re + im * im;
        }
        power[n / 2] = square((float) frame[1]);
    }

    private static double square(double x) {
        return x * x;
    }
}
