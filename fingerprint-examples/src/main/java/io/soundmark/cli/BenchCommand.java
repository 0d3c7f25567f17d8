package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.DecodedAudio;
import io.soundmark.FingerprintInput;
import io.soundmark.model.FeatureSettings;
import io.soundmark.internal.dsp.LogMelSpectrogram;
import io.soundmark.internal.dsp.Resampler;
import io.soundmark.internal.dsp.SampleSource;
import io.soundmark.model.EmbeddingModel;
import io.soundmark.model.ModelManifest;
import io.soundmark.model.ModelSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code soundmark bench}: front-end, model-only and end-to-end costs measured side by side in one
 * run, with the machine's core count and peak RSS. Inputs are generated WAVs ({@code --input-rate}, stereo
 * 16-bit noise, so decoding, downmixing and resampling are all exercised).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = "Measure the front end, the model and the whole pipeline; prints medians of --runs runs.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE|demo", defaultValue = "demo",
            description = "Model to measure (default ${DEFAULT-VALUE}); benchmarks of record use the full-size stand-in.")
    String model;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs per figure; the median is printed (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--batch-sizes", paramLabel = "N,N", split = ",", defaultValue = "1,2,4,8",
            description = "Batch sizes for the model-only figures (default ${DEFAULT-VALUE}).")
    int[] batchSizes;

    @Option(names = "--seconds", paramLabel = "S,S", split = ",", defaultValue = "120,600",
            description = "Input lengths for the end-to-end figures; the max length is set to cover each (default ${DEFAULT-VALUE}).")
    double[] seconds;

    @Option(names = "--decode", paramLabel = "FILE",
            description = "Only measure decoding: each FILE with the decoder chosen for it (and with --decoder, that one).")
    List<Path> decodeFiles = new ArrayList<>();

    @Option(names = "--decoder", paramLabel = "NAME", description = "With --decode: force this decoder.")
    String decoder;

    @Option(names = "--input-rate", paramLabel = "HZ", defaultValue = "44100",
            description = "Sample rate of the generated stereo WAVs (default ${DEFAULT-VALUE}; 48000 skips resampling).")
    int inputRate;

    @Option(names = "--soak", paramLabel = "WINDOWS",
            description = "Only run WINDOWS windows (1 s windows, 0.5 s hop, over generated audio) and print RSS as it goes.")
    int soakWindows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ModelSource source = "demo".equals(model) ? ModelSource.demo() : ModelSource.file(Path.of(model));
        ModelManifest manifest = source.manifest();
        out.printf("machine: %d cores available to the JVM; %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        out.printf("threads: ai.djl.pytorch.num_threads=%s, num_interop_threads=%s (unset: libtorch picks the core count)%n",
                System.getProperty("ai.djl.pytorch.num_threads", "unset"),
                System.getProperty("ai.djl.pytorch.num_interop_threads", "unset"));
        out.printf("model: %s (%s), %d runs per figure%n%n", manifest.id(), source.name(), runs);
        if (soakWindows > 0) {
            soak(out, source);
            return 0;
        }
        if (!decodeFiles.isEmpty()) {
            decodeOnly(out);
            out.printf("%npeak RSS: %.0f MiB%n", ProcessStats.peakRssKb() / 1024.0);
            return 0;
        }
        Path dir = Files.createTempDirectory("soundmark-bench");
        try {
            frontEnd(out, dir, manifest.features());
            modelAndEndToEnd(out, dir, source, manifest);
            out.printf("%npeak RSS: %.0f MiB%n", ProcessStats.peakRssKb() / 1024.0);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    private void frontEnd(PrintWriter out, Path dir, FeatureSettings features) throws IOException {
        Path wav = noiseWav(dir.resolve("front.wav"), 60);
        int windows = 60 / 10;
        float[] mono;
        double decodeMs;
        try (AudioFingerprinter atSourceRate = AudioFingerprinter.builder().model(ModelSource.demo()).sampleRate(inputRate)
                .maxAudioLengthSec(600).build()) {
            decodeMono(atSourceRate, wav); // warm-up
            decodeMs = median(() -> decodeMono(atSourceRate, wav).length);
            mono = decodeMono(atSourceRate, wav);
        }
        double resampleMs = median(() -> resampleAll(mono).length);
        float[] at48k = resampleAll(mono);
        LogMelSpectrogram logMel = new LogMelSpectrogram(features);
        double logMelMs = median(() -> {
            for (int w = 0; w < windows; w++) {
                logMel.compute(at48k, w * features.maxSamples(), features.maxSamples());
            }
            return windows;
        });
        out.println("front end, per 10 s of audio (one full model input):");
        out.printf("  decode (WAV %6d Hz stereo 16-bit)  %8.2f ms%n", inputRate, decodeMs / windows);
        out.printf("  resample %6d -> 48000 Hz          %8.2f ms%n", inputRate, resampleMs / windows);
        out.printf("  log-mel (1001 x 64)                 %8.2f ms%n", logMelMs / windows);
        out.printf("  total                               %8.2f ms%n%n", (decodeMs + resampleMs + logMelMs) / windows);
    }

    /** Runs many windows through one fingerprinter and prints the process's RSS every so often. */
    private void soak(PrintWriter out, ModelSource source) {
        float[] audio = new float[48000 * 120];
        Random random = new Random(3);
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (random.nextGaussian() * 0.1);
        }
        // RSS minus the committed Java heap is what native memory (libtorch, buffers, JIT) adds
        out.println("soak: windows, RSS (MiB), peak RSS (MiB), Java heap committed (MiB), RSS - heap (MiB), elapsed (s)");
        long start = System.nanoTime();
        long done = 0;
        long nextReport = 0;
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(source).segmentDurationSec(1).segmentHopSec(0.5)
                .build()) {
            while (done < soakWindows) {
                done += f.fingerprint(FingerprintInput.pcm(audio, 48000, 1)).size();
                if (done >= nextReport || done >= soakWindows) {
                    double rss = ProcessStats.rssKb() / 1024.0;
                    double heap = ProcessStats.heapCommittedKb() / 1024.0;
                    out.printf("  %7d %8.0f %8.0f %8.0f %8.0f %8.1f%n", done, rss, ProcessStats.peakRssKb() / 1024.0,
                            heap, rss - heap, (System.nanoTime() - start) / 1e9);
                    out.flush();
                    nextReport = done + Math.max(soakWindows / 20, 1);
                }
            }
        }
    }

    /** Decode speed in multiples of real time: decoding and downmixing only (the processing rate is the source's). */
    private void decodeOnly(PrintWriter out) throws IOException {
        out.println("decode only (decoder and downmix, no resampling), median of runs:");
        for (Path file : decodeFiles) {
            FingerprintInput input = FingerprintInput.audio(file.toString());
            int rate;
            try (AudioFingerprinter probe = AudioFingerprinter.builder().model(ModelSource.demo()).decoder(decoder).build();
                 DecodedAudio audio = probe.openAudio(input)) {
                rate = audio.sourceSampleRate();
            }
            try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).decoder(decoder)
                    .sampleRate(rate).maxAudioLengthSec(600).build()) {
                long[] samples = new long[1];
                double ms = median(() -> {
                    try (DecodedAudio audio = f.openAudio(FingerprintInput.audio(file.toString()))) {
                        float[] buffer = new float[1 << 16];
                        samples[0] = 0;
                        for (int n; (n = audio.read(buffer, 0, buffer.length)) > 0; ) {
                            samples[0] += n;
                        }
                        return samples[0];
                    }
                });
                double seconds = (double) samples[0] / rate;
                out.printf("  %-24s %6.1f s at %d Hz in %8.1f ms: %7.1f x real time%n", file.getFileName(), seconds,
                        rate, ms, seconds / (ms / 1000));
            }
        }
    }

    /**
     * Model-only and end-to-end figures measured in interleaved rounds (each round: every batch size,
     * then every input length), so that both see the same machine load; medians per figure.
     */
    private void modelAndEndToEnd(PrintWriter out, Path dir, ModelSource source, ModelManifest manifest)
            throws IOException {
        int block = manifest.features().blockSize();
        Random random = new Random(1);
        Map<Integer, List<Double>> modelMs = new TreeMap<>();
        Map<Double, List<Double>> endToEndMs = new TreeMap<>();
        Map<Double, List<Double>> frontEndCpuMs = new TreeMap<>();
        Map<Double, Integer> windows = new TreeMap<>();
        Map<Double, Path> files = new TreeMap<>();
        for (double length : seconds) {
            files.put(length, noiseWav(dir.resolve("e2e-" + (int) length + ".wav"), length));
        }
        try (EmbeddingModel m = source.load(manifest, "cpu"); EmbeddingModel.Embedder embedder = m.newEmbedder();
             AudioFingerprinter f = AudioFingerprinter.builder().model(source).maxAudioLengthSec(600).build()) {
            float[] features = new float[Arrays.stream(batchSizes).max().orElse(1) * block];
            for (int i = 0; i < features.length; i++) {
                features[i] = (float) (random.nextGaussian() * 20 - 50);
            }
            for (int batch : batchSizes) {
                embedder.embed(features, batch); // warm-up: libtorch optimises each shape on first use
            }
            f.fingerprint(FingerprintInput.pcm(new float[48000 * 6], 48000, 1)); // loads the model
            for (int round = 0; round < runs; round++) {
                for (int batch : batchSizes) {
                    long start = System.nanoTime();
                    embedder.embed(features, batch);
                    modelMs.computeIfAbsent(batch, b -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6 / batch);
                }
                for (double length : seconds) { // max length 600 s: the defaults for inputs up to 120 s
                    Map<Long, Long> frontEndBefore = ProcessStats.frontEndCpuNanos();
                    long start = System.nanoTime();
                    int n = f.fingerprint(FingerprintInput.audio(files.get(length))).size();
                    windows.put(length, n);
                    endToEndMs.computeIfAbsent(length, l -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6 / n);
                    long cpu = ProcessStats.frontEndCpuNanosSince(frontEndBefore);
                    frontEndCpuMs.computeIfAbsent(length, l -> new ArrayList<>()).add(cpu / 1e6 / n);
                }
            }
        }
        out.println("model only (random features), per window:");
        double best = Double.MAX_VALUE;
        for (var e : modelMs.entrySet()) {
            double ms = median(e.getValue());
            best = Math.min(best, ms);
            out.printf("  batch %3d  %8.2f ms%n", e.getKey(), ms);
        }
        out.println();
        for (var e : endToEndMs.entrySet()) {
            double ms = median(e.getValue());
            double frontEnd = median(frontEndCpuMs.get(e.getKey()));
            out.printf("end to end, %.0f s WAV (%d Hz stereo, 5 s windows, 2.5 s hop): %d windows, %.2f ms per window, "
                    + "%.1f x real time, %.2f x the best model-only%n", e.getKey(), inputRate, windows.get(e.getKey()), ms,
                    e.getKey() / (ms * windows.get(e.getKey()) / 1000), ms / best);
            out.printf("  front end in the pipeline (decode, resample, windows, log-mel): %.2f ms CPU per window, "
                    + "%.1f%% of end to end%n", frontEnd, 100 * frontEnd / ms);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
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
        SampleSource in = SampleSource.of(mono, inputRate);
        SampleSource out = Resampler.of(inputRate, 48000).resample(in);
        float[] result = new float[(int) Resampler.of(inputRate, 48000).outputLength(mono.length)];
        int at = 0;
        for (int n; at < result.length && (n = out.read(result, at, result.length - at)) >= 0; ) {
            at += n;
        }
        return result;
    }

    @FunctionalInterface
    private interface Work {
        long run() throws IOException;
    }

    /** Median wall time of {@link #runs} runs, in ms. */
    private double median(Work work) throws IOException {
        List<Double> times = new ArrayList<>();
        long sink = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            sink += work.run();
            times.add((System.nanoTime() - start) / 1e6);
        }
        if (sink == Long.MIN_VALUE) {
            throw new IllegalStateException(); // keeps the work observable
        }
        return median(times);
    }

    /** Stereo 16-bit white noise at -20 dBFS, at {@code --input-rate}. */
    private Path noiseWav(Path file, double seconds) throws IOException {
        int rate = inputRate;
        long frames = Math.round(seconds * rate);
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt((int) (36 + frames * 4)).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(rate).putInt(rate * 4)
                .putShort((short) 4).putShort((short) 16);
        h.put("data".getBytes()).putInt((int) (frames * 4));
        Random random = new Random(42);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(h.array());
            byte[] frame = new byte[4];
            for (long f = 0; f < frames; f++) {
                for (int c = 0; c < 2; c++) {
                    int v = (int) Math.max(-32768, Math.min(32767, random.nextGaussian() * 3277));
                    frame[2 * c] = (byte) v;
                    frame[2 * c + 1] = (byte) (v >> 8);
                }
                out.write(frame);
            }
        }
        return file;
    }
}
