package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.DecodedAudio;
import io.soundmark.FingerprintInput;
import io.soundmark.internal.dsp.LogMelSpectrogram;
import io.soundmark.internal.dsp.Resampler;
import io.soundmark.internal.dsp.SampleSource;
import io.soundmark.model.FeatureSettings;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;

/** The front end's stages on their own, per 10 s of audio, every frame computed afresh. */
final class FrontEndBenchmark {

    private final int inputRate;
    private final int runs;

    FrontEndBenchmark(int inputRate, int runs) {
        this.inputRate = inputRate;
        this.runs = runs;
    }

    void run(PrintWriter out, Path dir, FeatureSettings features) throws IOException {
        Path wav = Timing.noiseWav(dir.resolve("front.wav"), inputRate, 2, 60, 42);
        int windows = 60 / 10;
        float[] mono;
        double decodeMs;
        try (AudioFingerprinter atSourceRate = AudioFingerprinter.builder().model(ModelSource.demo()).sampleRate(inputRate)
                .maxAudioLengthSec(600).build()) {
            decodeMono(atSourceRate, wav); // warm-up
            decodeMs = Timing.medianMs(runs, () -> decodeMono(atSourceRate, wav).length);
            mono = decodeMono(atSourceRate, wav);
        }
        double resampleMs = Timing.medianMs(runs, () -> resampleAll(mono).length);
        float[] at48k = resampleAll(mono);
        LogMelSpectrogram logMel = new LogMelSpectrogram(features);
        double logMelMs = Timing.medianMs(runs, () -> {
            for (int w = 0; w < windows; w++) {
                logMel.compute(at48k, w * features.maxSamples(), features.maxSamples());
            }
            return windows;
        });
        out.println("front end, per 10 s of audio (one full model input), every frame computed afresh:");
        out.printf("  decode (WAV %6d Hz stereo 16-bit)  %8.2f ms%n", inputRate, decodeMs / windows);
        out.printf("  resample %6d -> 48000 Hz          %8.2f ms%n", inputRate, resampleMs / windows);
        out.printf("  log-mel (1001 x 64)                 %8.2f ms%n", logMelMs / windows);
        out.printf("  total                               %8.2f ms%n%n", (decodeMs + resampleMs + logMelMs) / windows);
    }

    /** The WAV decoded and downmixed by the pipeline's own stages; {@code f} runs at the WAV's rate. */
    private static float[] decodeMono(AudioFingerprinter f, Path wav) {
        try (DecodedAudio audio = f.openAudio(FingerprintInput.audio(wav))) {
            float[] mono = new float[f.options().sampleRate() * 600];
            int size = 0;
            for (int n; (n = audio.read(mono, size, mono.length - size)) > 0; ) {
                size += n;
            }
            return Arrays.copyOf(mono, size);
        }
    }

    private float[] resampleAll(float[] mono) throws IOException {
        Resampler resampler = Resampler.of(inputRate, 48000);
        SampleSource resampled = resampler.resample(SampleSource.of(mono, inputRate));
        float[] result = new float[(int) resampler.outputLength(mono.length)];
        int at = 0;
        for (int n; at < result.length && (n = resampled.read(result, at, result.length - at)) >= 0; ) {
            at += n;
        }
        return result;
    }
}
