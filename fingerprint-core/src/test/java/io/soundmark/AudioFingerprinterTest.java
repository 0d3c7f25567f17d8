package io.soundmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.soundmark.model.FeatureSettings;
import io.soundmark.internal.dsp.LogMelSpectrogram;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the real model runtime, with the demo model and a probe model that echoes its input. */
class AudioFingerprinterTest {

    static final ModelSource PROBE = ModelSource.file(TestFiles.resource("models/probe.pt"));
    static AudioFingerprinter demo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadDemo() {
        demo = AudioFingerprinter.builder().model(ModelSource.demo()).build();
    }

    @AfterAll
    static void closeDemo() {
        demo.close();
    }

    static float[] noise(int rate, double seconds, long seed) {
        float[] x = new float[(int) Math.round(rate * seconds)];
        TestFiles.SampleFunction f = TestFiles.noise(0.3, seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) f.at(i, 0);
        }
        return x;
    }

    static double maxAbsDiff(List<SegmentEmbedding> a, List<SegmentEmbedding> b) {
        assertEquals(a.size(), b.size(), "record count");
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i).embedding();
            float[] y = b.get(i).embedding();
            for (int j = 0; j < x.length; j++) {
                worst = Math.max(worst, Math.abs(x[j] - y[j]));
            }
        }
        return worst;
    }

    @Test
    void theModelReceivesExactlyTheGoldenFeatures() throws IOException {
        Path dir = TestFiles.goldenDir();
        JsonObject manifest = JsonParser.parseString(Files.readString(dir.resolve("manifest.json"))).getAsJsonObject();
        try (AudioFingerprinter probe = AudioFingerprinter.builder().model(PROBE).normalizeEmbeddings(false)
                .segmentDurationSec(10).build()) {
            for (var c : manifest.getAsJsonArray("cases")) {
                String name = c.getAsJsonObject().get("name").getAsString();
                float[] wave = TestFiles.readF32(dir.resolve(name + ".wave.f32"));
                float[] features = TestFiles.readF32(dir.resolve(name + ".features.f32"));
                List<SegmentEmbedding> records = probe.fingerprint(FingerprintInput.pcm(wave, 48000, 1));
                assertEquals(1, records.size(), name);
                float[] seen = records.get(0).embedding(); // the probe returns the first 8 frames x 64 mels
                for (int i = 0; i < seen.length; i++) {
                    assertEquals(features[i], seen[i], 0.02, name + " value " + i);
                }
                assertEquals(wave.length / 48000.0, records.get(0).endTimeSec(), 1e-9);
            }
        }
    }

    @Test
    void windowsLongerThanTenSecondsAverageTheirChunksByLength() {
        float[] x = noise(48000, 25, 7);
        try (AudioFingerprinter probe = AudioFingerprinter.builder().model(PROBE).normalizeEmbeddings(false)
                .segmentDurationSec(25).build()) {
            float[] seen = probe.fingerprint(FingerprintInput.pcm(x, 48000, 1)).get(0).embedding();
            LogMelSpectrogram logMel = new LogMelSpectrogram(FeatureSettings.clapHtsatUnfused());
            float[] a = logMel.compute(x, 0, 480000);
            float[] b = logMel.compute(x, 480000, 480000);
            float[] c = logMel.compute(x, 960000, 240000);
            for (int i = 0; i < seen.length; i++) {
                double expected = 0.4 * a[i] + 0.4 * b[i] + 0.2 * c[i];
                assertEquals(expected, seen[i], 1e-4, "value " + i);
            }
        }
    }

    @Test
    void vectorsDoNotDependOnBatchSize() {
        FingerprintInput in = FingerprintInput.pcm(noise(44100, 31, 1), 44100, 1);
        List<SegmentEmbedding> reference = demo.fingerprint(in);
        assertEquals(12, reference.size());
        for (int batch : new int[] {1, 3, 8, 13}) {
            try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).batchSize(batch)
                    .normalizeEmbeddings(true).build()) {
                double diff = maxAbsDiff(reference, f.fingerprint(FingerprintInput.pcm(noise(44100, 31, 1), 44100, 1)));
                assertTrue(diff <= 1e-5, "batch " + batch + ": max |diff| " + diff);
            }
        }
    }

    @Test
    void oneInstanceServesManyThreadsWithTheSameResults() throws Exception {
        List<SegmentEmbedding> reference = demo.fingerprint(FingerprintInput.pcm(noise(48000, 12, 3), 48000, 1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<SegmentEmbedding>>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> demo.fingerprint(FingerprintInput.pcm(noise(48000, 12, 3), 48000, 1))));
            }
            for (Future<List<SegmentEmbedding>> run : runs) {
                assertTrue(maxAbsDiff(reference, run.get()) <= 1e-5);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void recordsFromAWavFileFollowSpec() throws IOException {
        Path wav = TestFiles.writeWav16(tmp.resolve("twelve.wav"), 48000, 2, 12 * 48000, TestFiles.noise(0.3, 5));
        List<SegmentEmbedding> records = demo.fingerprint(FingerprintInput.audio(wav.toString()));
        assertEquals(4, records.size());
        double[][] bounds = {{0, 5}, {2.5, 7.5}, {5, 10}, {7.5, 12}};
        for (int i = 0; i < 4; i++) {
            SegmentEmbedding r = records.get(i);
            assertEquals(i, r.segmentIndex());
            assertEquals(bounds[i][0], r.startTimeSec());
            assertEquals(bounds[i][1], r.endTimeSec());
            assertEquals(r.endTimeSec() - r.startTimeSec(), r.durationSec());
            assertEquals(12.0, r.totalDurationSec());
            assertEquals(48000, r.sampleRate());
            assertEquals(AudioSourceType.AUDIO, r.audioSourceType());
            assertEquals("soundmark/demo-untrained", r.embeddingModel());
            assertEquals(512, r.embedding().length);
            double norm = 0;
            for (float v : r.embedding()) {
                norm += v * v;
            }
            assertEquals(1.0, Math.sqrt(norm), 1e-5);
            assertTrue(r.processingTimeMs() > 0);
        }
        assertNotEquals(records.get(0).cosineSimilarity(records.get(1)), 1.0, "different audio, different vectors");
        // the same file as a file: URI, a Path and a stream gives the same vectors
        assertEquals(0.0, maxAbsDiff(records, demo.fingerprint(FingerprintInput.audio(wav.toUri().toString()))));
        assertEquals(0.0, maxAbsDiff(records, demo.fingerprint(FingerprintInput.audio(wav))));
        assertEquals(0.0, maxAbsDiff(records, demo.fingerprint(FingerprintInput.audio(Files.newInputStream(wav), "wav"))));
    }

    @Test
    void videoInputsAreLabelledVideo() throws IOException {
        Path wav = TestFiles.writeWav16(tmp.resolve("track.wav"), 48000, 1, 48000, TestFiles.noise(0.3, 9));
        assertEquals(AudioSourceType.VIDEO, demo.fingerprint(FingerprintInput.video(wav)).get(0).audioSourceType());
    }

    @Test
    void longInputsAreTruncatedButReportTheirTotalDuration() throws IOException {
        Path wav = TestFiles.writeWav16(tmp.resolve("long.wav"), 8000, 1, 700L * 8000, (f, c) -> Math.sin(f * 0.3) * 0.2);
        List<SegmentEmbedding> records = demo.fingerprint(FingerprintInput.audio(wav));
        assertEquals(47, records.size());
        assertEquals(120.0, records.get(46).endTimeSec());
        assertEquals(700.0, records.get(0).totalDurationSec());
    }

    @Test
    void unboundedStreamsIgnoreTheLengthLimitAndMatchTheBoundedWindows() throws IOException {
        Path wav = TestFiles.writeWav16(tmp.resolve("long.wav"), 8000, 1, 700L * 8000, (f, c) -> Math.sin(f * 0.003) * 0.2);
        List<SegmentEmbedding> bounded = demo.fingerprint(FingerprintInput.audio(wav));
        List<SegmentEmbedding> whole;
        try (Stream<SegmentEmbedding> s = demo.streamUnbounded(FingerprintInput.audio(wav))) {
            whole = s.collect(Collectors.toList());
        }
        assertEquals(279, whole.size()); // windows start every 2.5 s up to 695 s, the last one ends at 700 s
        assertEquals(700.0, whole.get(278).endTimeSec());
        assertEquals(null, whole.get(0).totalDurationSec());
        assertEquals(0.0, maxAbsDiff(bounded.subList(0, 46), whole.subList(0, 46))); // the 47th is cut at 120 s
    }

    @Test
    void unboundedAudioReadsPastTheLengthLimit() throws IOException {
        Path wav = TestFiles.writeWav16(tmp.resolve("long.wav"), 48000, 1, 610L * 48000, (f, c) -> Math.sin(f * 0.01) * 0.2);
        long samples = 0;
        float[] buffer = new float[1 << 16];
        try (DecodedAudio audio = demo.openAudioUnbounded(FingerprintInput.audio(wav))) {
            for (int n; (n = audio.read(buffer, 0, buffer.length)) > 0; ) {
                samples += n;
            }
        }
        assertEquals(610L * 48000, samples, "all 610 s, not the 120 s of max_audio_length_sec");
    }

    @Test
    void emptyAudioGivesNoRecords() throws IOException {
        Path wav = TestFiles.writeWav16(tmp.resolve("empty.wav"), 48000, 1, 0, (f, c) -> 0);
        assertEquals(List.of(), demo.fingerprint(FingerprintInput.audio(wav)));
        assertEquals(List.of(), demo.fingerprint(FingerprintInput.pcm(new float[0], 48000, 1)));
    }

    @Test
    void streamingHandsOverTheSameRecordsLazily() {
        FingerprintInput in = FingerprintInput.pcm(noise(48000, 20, 4), 48000, 1);
        List<SegmentEmbedding> all = demo.fingerprint(in);
        try (Stream<SegmentEmbedding> s = demo.stream(FingerprintInput.pcm(noise(48000, 20, 4), 48000, 1))) {
            List<SegmentEmbedding> streamed = s.collect(Collectors.toList());
            assertEquals(0.0, maxAbsDiff(all, streamed));
        }
        try (Stream<SegmentEmbedding> s = demo.stream(FingerprintInput.pcm(noise(48000, 20, 4), 48000, 1))) {
            assertEquals(all.get(0).startTimeSec(), s.findFirst().orElseThrow().startTimeSec());
        }
    }

    @Test
    void recordsRoundTripThroughJsonWithSpecNames() {
        SegmentEmbedding r = demo.fingerprint(FingerprintInput.pcm(noise(48000, 1, 2), 48000, 1)).get(0);
        JsonObject o = JsonParser.parseString(r.toJson()).getAsJsonObject();
        assertEquals(java.util.Set.of("audio_fingerprint_extractor_v1_embedding", "segment_index", "start_time_sec",
                "end_time_sec", "duration_sec", "total_duration_sec", "sample_rate", "audio_source_type",
                "embedding_model", "processing_time_ms"), o.keySet());
        assertEquals("audio", o.get("audio_source_type").getAsString());
        assertEquals(r, SegmentEmbedding.fromJson(r.toJson()));
        SegmentEmbedding unknownTotal = new SegmentEmbedding(r.embedding(), 0, 0, 1, 1, null, 48000,
                AudioSourceType.VIDEO, "m", 1.5);
        assertTrue(unknownTotal.toJson().contains("\"total_duration_sec\":null"));
        assertEquals(unknownTotal, SegmentEmbedding.fromJson(unknownTotal.toJson()));
    }

    @Test
    void resamplesAnyRateAndDownmixesChannels() {
        float[] stereo = new float[2 * 44100 * 3];
        float[] mono = new float[44100 * 3];
        float[] n = noise(44100, 3, 8);
        for (int i = 0; i < mono.length; i++) {
            stereo[2 * i] = n[i] * 2 / 3f;
            stereo[2 * i + 1] = n[i] * 4 / 3f;
            mono[i] = n[i];
        }
        double diff = maxAbsDiff(demo.fingerprint(FingerprintInput.pcm(mono, 44100, 1)),
                demo.fingerprint(FingerprintInput.pcm(stereo, 44100, 2)));
        assertTrue(diff <= 1e-5, "stereo averages to mono: " + diff);
    }
}
