package io.soundmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.model.FeatureSettings;
import io.soundmark.internal.dsp.LogMelSpectrogram;
import io.soundmark.internal.dsp.Resampler;
import io.soundmark.internal.dsp.SampleSource;
import io.soundmark.model.EmbeddingModel;
import io.soundmark.model.ModelManifest;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The overlapped pipeline (streaming resampler, shared STFT frames, bounded queue, batches) gives
 * the vectors of the plain computation: the whole input resampled at once, each window's features
 * computed afresh and embedded on its own, then L2-normalised.
 */
class PlainComputationTest {

    @ParameterizedTest(name = "batch {0}, {1} s windows, {2} s hop")
    @CsvSource({"1, 5, 2.5", "2, 5, 2.5", "3, 5, 2.5", "8, 5, 2.5", "2, 3.3, 1.1", "4, 10, 10"})
    void pipelineGivesThePlainComputationsVectors(int batch, double duration, double hop) throws IOException {
        float[] input = AudioFingerprinterTest.noise(44100, 31, 4);
        ModelSource model = ModelSource.demo();
        List<SegmentEmbedding> piped;
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(model).batchSize(batch)
                .segmentDurationSec(duration).segmentHopSec(hop).build()) {
            piped = f.fingerprint(FingerprintInput.pcm(input, 44100, 1));
        }
        Resampler resampler = Resampler.of(44100, 48000);
        float[] at48k = new float[(int) resampler.outputLength(input.length)];
        SampleSource stream = resampler.resample(SampleSource.of(input, 44100));
        for (int at = 0, n; at < at48k.length && (n = stream.read(at48k, at, at48k.length - at)) > 0; ) {
            at += n;
        }
        ModelManifest manifest = model.manifest();
        FeatureSettings settings = manifest.features();
        double worst = 0;
        try (EmbeddingModel m = model.load(manifest, "cpu"); EmbeddingModel.Embedder embedder = m.newEmbedder()) {
            for (SegmentEmbedding record : piped) {
                int start = (int) Math.round(record.startTimeSec() * 48000);
                int length = (int) Math.round(record.durationSec() * 48000);
                float[] features = new LogMelSpectrogram(settings).compute(at48k, start, length);
                float[] v = embedder.embed(features, 1)[0];
                double norm = 0;
                for (float x : v) {
                    norm += (double) x * x;
                }
                float[] got = record.embedding();
                assertEquals(v.length, got.length);
                for (int i = 0; i < v.length; i++) {
                    worst = Math.max(worst, Math.abs(v[i] / Math.sqrt(norm) - got[i]));
                }
            }
        }
        assertTrue(piped.size() >= 3, piped.size() + " windows");
        assertTrue(worst <= 1e-5, "max |diff| " + worst);
    }
}
