package io.soundmark.model;

/**
 * Settings of the CLAP log-mel front end: what a model expects as {@code input_features}.
 *
 * <p>The defaults ({@link #clapHtsatUnfused()}) are those of the Hugging Face
 * {@code ClapFeatureExtractor} for {@code laion/clap-htsat-unfused}: 48 kHz, FFT and window 1024,
 * hop 480, 64 Slaney mel bins between 50 Hz and 14 kHz, 480 000 samples (10 s) per model input,
 * giving 1001 frames.
 *
 * @param sampleRate    processing rate in Hz
 * @param fftSize       FFT size and (periodic Hann) window length in samples
 * @param hopLength     hop between frames in samples
 * @param melBins       number of mel filters
 * @param minFrequency  lowest mel filter edge in Hz
 * @param maxFrequency  highest mel filter edge in Hz
 * @param maxSamples    samples per model input; shorter windows are repeat-padded to it
 */
public record FeatureSettings(
        int sampleRate,
        int fftSize,
        int hopLength,
        int melBins,
        double minFrequency,
        double maxFrequency,
        int maxSamples) {

    /** Validates the settings; throws {@link IllegalArgumentException} naming what cannot be honoured. */
    public FeatureSettings {
        require(sampleRate > 0, "sampling_rate must be positive, got " + sampleRate);
        require(fftSize >= 16 && fftSize <= 65536, "fft_window_size must be in 16..65536, got " + fftSize);
        require(hopLength > 0 && hopLength <= fftSize,
                "hop_length must be in 1..fft_window_size (" + fftSize + "), got " + hopLength);
        require(melBins > 0 && melBins <= fftSize / 2 + 1,
                "feature_size (mel bins) must be in 1.." + (fftSize / 2 + 1) + ", got " + melBins);
        require(Double.isFinite(minFrequency) && minFrequency >= 0,
                "frequency_min must be a non-negative number, got " + minFrequency);
        require(Double.isFinite(maxFrequency) && maxFrequency > minFrequency,
                "frequency_max must be above frequency_min (" + minFrequency + "), got " + maxFrequency);
        require(maxSamples > fftSize / 2,
                "nb_max_samples must exceed half the FFT size (" + fftSize / 2 + "), got " + maxSamples);
    }

    /** The feature settings of {@code laion/clap-htsat-unfused}. */
    public static FeatureSettings clapHtsatUnfused() {
        return new FeatureSettings(48000, 1024, 480, 64, 50.0, 14000.0, 480000);
    }

    /** Number of frames per model input: centred frames over {@link #maxSamples()} samples. */
    public int frames() {
        return 1 + maxSamples / hopLength;
    }

    /** Number of floats in one model input block ({@code frames × melBins}). */
    public int blockSize() {
        return frames() * melBins;
    }

    /**
     * These settings at another processing rate. Mel filter edges above the new Nyquist frequency
     * are lowered to it; everything counted in samples stays as it is, so the model input keeps
     * its shape.
     */
    public FeatureSettings withSampleRate(int rate) {
        if (rate == sampleRate) {
            return this;
        }
        double nyquist = rate / 2.0;
        double max = Math.min(maxFrequency, nyquist);
        double min = Math.min(minFrequency, max / 2);
        return new FeatureSettings(rate, fftSize, hopLength, melBins, min, max, maxSamples);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
