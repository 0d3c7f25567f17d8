package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.SegmentEmbedding;
import io.soundmark.model.EmbeddingModel;
import io.soundmark.model.ModelManifest;
import io.soundmark.model.ModelSource;
import io.soundmark.model.Precision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Model-only and end-to-end cost per window, for each precision variant, measured in interleaved
 * rounds (each round runs every precision, batch size and input) so that all see the same machine
 * load; medians per figure, beside the fp32 matmul roofline of the same run and each variant's
 * fidelity to fp32 on the same inputs.
 */
final class ModelBenchmark {

    /**
     * @param precisions     the variants to measure, fp32 first when present
     * @param batchSizes     batch sizes of the model-only figures
     * @param seconds        lengths of the generated end-to-end inputs
     * @param audio          a real recording to measure and compare on too, or null
     * @param gflopPerWindow the model's cost per window, for the roofline comparison
     */
    record Settings(List<Precision> precisions, int[] batchSizes, double[] seconds, Path audio, int inputRate, int runs,
                    double gflopPerWindow) {
    }

    private final Settings settings;

    ModelBenchmark(Settings settings) {
        this.settings = settings;
    }

    /** One precision's loaded model and fingerprinter, and what was measured with them. */
    private static final class Variant implements AutoCloseable {
        final Precision precision;
        final EmbeddingModel model;
        final EmbeddingModel.Embedder embedder;
        final AudioFingerprinter fingerprinter;
        final Map<Integer, List<Double>> modelMs = new TreeMap<>();
        final Map<String, List<Double>> endToEndMs = new LinkedHashMap<>();
        final Map<String, List<Double>> frontEndCpuMs = new LinkedHashMap<>();
        final Map<String, List<SegmentEmbedding>> records = new LinkedHashMap<>();

        Variant(ModelSource source, Precision precision) throws IOException {
            this.precision = precision;
            ModelManifest manifest = source.manifest(precision);
            this.model = source.load(manifest, "cpu");
            this.embedder = model.newEmbedder();
            this.fingerprinter = AudioFingerprinter.builder().model(source).precision(precision).maxAudioLengthSec(600)
                    .build();
        }

        double bestModelMs() {
            return modelMs.values().stream().mapToDouble(Timing::median).min().orElse(Double.NaN);
        }

        @Override
        public void close() {
            embedder.close();
            model.close();
            fingerprinter.close();
        }
    }

    void run(PrintWriter out, Path dir, ModelSource source) throws IOException {
        Map<String, Path> inputs = new LinkedHashMap<>();
        for (double length : settings.seconds()) {
            inputs.put(String.format("%.0f s generated WAV (%d Hz stereo)", length, settings.inputRate()),
                    Timing.noiseWav(dir.resolve("e2e-" + (int) length + ".wav"), settings.inputRate(), 2, length, 42));
        }
        if (settings.audio() != null) {
            inputs.put(settings.audio().getFileName().toString(), settings.audio());
        }
        int block = source.manifest().features().blockSize();
        float[] features = new float[Arrays.stream(settings.batchSizes()).max().orElse(1) * block];
        Random random = new Random(1);
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) (random.nextGaussian() * 20 - 50);
        }
        Map<Precision, Variant> variants = new EnumMap<>(Precision.class);
        try {
            for (Precision p : settings.precisions()) {
                Variant v = new Variant(source, p);
                variants.put(p, v);
                for (int batch : settings.batchSizes()) {
                    v.embedder.embed(features, batch); // warm-up: libtorch optimises each shape on first use
                }
                v.fingerprinter.fingerprint(FingerprintInput.pcm(new float[48000 * 6], 48000, 1));
            }
            double roofline = Roofline.fp32GflopsPerSecond(settings.runs());
            for (int round = 0; round < settings.runs(); round++) {
                for (Variant v : variants.values()) {
                    measure(v, features, inputs);
                }
            }
            report(out, variants, inputs, roofline);
        } finally {
            variants.values().forEach(Variant::close);
        }
    }

    private void measure(Variant v, float[] features, Map<String, Path> inputs) {
        for (int batch : settings.batchSizes()) {
            long start = System.nanoTime();
            v.embedder.embed(features, batch);
            v.modelMs.computeIfAbsent(batch, b -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6 / batch);
        }
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            Map<Long, Long> frontEndBefore = ProcessStats.frontEndCpuNanos();
            long start = System.nanoTime();
            List<SegmentEmbedding> records = v.fingerprinter.fingerprint(FingerprintInput.audio(in.getValue()));
            double ms = (System.nanoTime() - start) / 1e6 / records.size();
            v.endToEndMs.computeIfAbsent(in.getKey(), k -> new ArrayList<>()).add(ms);
            v.frontEndCpuMs.computeIfAbsent(in.getKey(), k -> new ArrayList<>())
                    .add(ProcessStats.frontEndCpuNanosSince(frontEndBefore) / 1e6 / records.size());
            v.records.put(in.getKey(), records);
        }
    }

    private void report(PrintWriter out, Map<Precision, Variant> variants, Map<String, Path> inputs, double roofline) {
        double rooflineMs = settings.gflopPerWindow() / roofline * 1000;
        out.printf("fp32 matmul roofline (libtorch, %dx%d): %.0f GFLOP/s, i.e. %.1f ms per window at %.1f GFLOP a window%n%n",
                2048, 2048, roofline, rooflineMs, settings.gflopPerWindow());
        out.println("model only (random features), ms per window:");
        out.print("  batch   ");
        variants.keySet().forEach(p -> out.printf(" %10s", p.manifestName()));
        out.println();
        for (int batch : settings.batchSizes()) {
            out.printf("  %5d   ", batch);
            for (Variant v : variants.values()) {
                out.printf(" %10.2f", Timing.median(v.modelMs.get(batch)));
            }
            out.println();
        }
        out.print("  best    ");
        variants.values().forEach(v -> out.printf(" %10.2f", v.bestModelMs()));
        out.printf("%n  x roofline");
        variants.values().forEach(v -> out.printf(" %10.2f", v.bestModelMs() / rooflineMs));
        out.printf("%n%n");
        for (String input : inputs.keySet()) {
            out.printf("end to end, %s (5 s windows, 2.5 s hop):%n", input);
            for (Variant v : variants.values()) {
                double ms = Timing.median(v.endToEndMs.get(input));
                double frontEnd = Timing.median(v.frontEndCpuMs.get(input));
                int windows = v.records.get(input).size();
                out.printf("  %-5s %4d windows, %7.2f ms per window, %5.2f x the best model-only; front end %.2f ms CPU "
                        + "per window (%.1f%%)%n", v.precision.manifestName(), windows, ms, ms / v.bestModelMs(), frontEnd,
                        100 * frontEnd / ms);
            }
        }
        Variant fp32 = variants.get(Precision.FP32);
        if (fp32 != null) {
            out.println();
            for (Variant v : variants.values()) {
                if (v != fp32) {
                    speedAndFidelity(out, fp32, v, inputs);
                }
            }
        }
    }

    private static void speedAndFidelity(PrintWriter out, Variant fp32, Variant v, Map<String, Path> inputs) {
        out.printf("%s against fp32: model only %.2f x as fast (best batch each)%n", v.precision.manifestName(),
                fp32.bestModelMs() / v.bestModelMs());
        for (String input : inputs.keySet()) {
            double speedup = Timing.median(fp32.endToEndMs.get(input)) / Timing.median(v.endToEndMs.get(input));
            double[] cosines = cosines(fp32.records.get(input), v.records.get(input));
            out.printf("  %s: end to end %.2f x as fast; cosine to fp32 min %.6f, median %.6f%n", input, speedup,
                    cosines[0], cosines[cosines.length / 2]);
        }
    }

    /** Each window's cosine between two runs' vectors, sorted. */
    private static double[] cosines(List<SegmentEmbedding> a, List<SegmentEmbedding> b) {
        double[] out = new double[Math.min(a.size(), b.size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).cosineSimilarity(b.get(i));
        }
        Arrays.sort(out);
        return out;
    }
}
