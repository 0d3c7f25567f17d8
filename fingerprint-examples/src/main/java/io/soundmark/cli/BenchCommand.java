package io.soundmark.cli;

import io.soundmark.internal.CpuFeatures;
import io.soundmark.model.ModelManifest;
import io.soundmark.model.ModelSource;
import io.soundmark.model.Precision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code soundmark bench}: the machine, then one of four measurements: the front end and the model
 * end to end (default), decoding alone ({@code --decode}), or a long run watching memory
 * ({@code --soak}). Every figure names the precision it ran at.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Measure the front end, the model at each precision and the whole pipeline, side by side in one",
                "run; prints medians of --runs rounds with the CPU, its features and the fp32 matmul roofline."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "demo",
            description = "Model to measure (default ${DEFAULT-VALUE}); figures of record use the full-size stand-in "
                    + "(model-export/make_standin.py) or an export of the real model.")
    String model;

    @Option(names = "--precisions", paramLabel = "P,P", split = ",",
            description = "Precision variants to measure side by side (default: every variant the model has).")
    List<String> precisions;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Rounds per figure; the median is printed (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--batch-sizes", paramLabel = "N,N", split = ",", defaultValue = "1,2,4,8",
            description = "Batch sizes for the model-only figures (default ${DEFAULT-VALUE}).")
    int[] batchSizes;

    @Option(names = "--seconds", paramLabel = "S,S", split = ",", defaultValue = "120,600",
            description = "Lengths of the generated end-to-end inputs (default ${DEFAULT-VALUE}).")
    double[] seconds;

    @Option(names = "--audio", paramLabel = "FILE",
            description = "Also measure, and compare the precisions' vectors, on this recording (real music, say).")
    Path audio;

    @Option(names = "--input-rate", paramLabel = "HZ", defaultValue = "44100",
            description = "Sample rate of the generated stereo WAVs (default ${DEFAULT-VALUE}; 48000 skips resampling).")
    int inputRate;

    @Option(names = "--gflop-per-window", paramLabel = "G", defaultValue = "11.8",
            description = "The model's cost per window for the roofline comparison (default ${DEFAULT-VALUE}: "
                    + "HTSAT-tiny and its stand-in).")
    double gflopPerWindow;

    @Option(names = "--decode", paramLabel = "FILE",
            description = "Only measure decoding: each FILE with the decoder chosen for it (and with --decoder, that one).")
    List<Path> decodeFiles = new ArrayList<>();

    @Option(names = "--decoder", paramLabel = "NAME", description = "With --decode: force this decoder.")
    String decoder;

    @Option(names = "--soak", paramLabel = "WINDOWS",
            description = "Only run WINDOWS windows (1 s windows, 0.5 s hop, over generated audio) and print memory as it goes.")
    long soakWindows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ModelSource source = ModelSource.of(model);
        ModelManifest manifest = source.manifest();
        List<Precision> measured = precisions(source.precisions());
        printMachine(out);
        out.printf("model: %s (%s), variants measured: %s; %d rounds per figure%n", manifest.id(), source.name(),
                String.join(", ", measured.stream().map(Precision::manifestName).toList()), runs);
        for (Precision p : measured) {
            ModelManifest.Fidelity f = source.manifest(p).fidelity();
            if (f != null) {
                out.printf("  %s fidelity at export: min cosine %.6f, median %.6f to %s over %d inputs%n",
                        p.manifestName(), f.minCosine(), f.medianCosine(), f.reference(), f.inputs());
            }
        }
        out.println();
        if (soakWindows > 0) {
            SoakBenchmark.run(out, source, soakWindows);
            return 0;
        }
        if (!decodeFiles.isEmpty()) {
            new DecodeBenchmark(decoder, runs).run(out, decodeFiles);
        } else {
            Path dir = Files.createTempDirectory("soundmark-bench");
            try {
                new FrontEndBenchmark(inputRate, runs).run(out, dir, manifest.features());
                new ModelBenchmark(new ModelBenchmark.Settings(measured, batchSizes, seconds, audio, inputRate, runs,
                        gflopPerWindow)).run(out, dir, source);
            } finally {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        }
        out.printf("%npeak RSS: %.0f MiB%n", ProcessStats.peakRssKb() / 1024.0);
        return 0;
    }

    private List<Precision> precisions(Set<Precision> available) {
        if (precisions == null) {
            return List.copyOf(available); // enum order: fp32 first
        }
        List<Precision> chosen = new ArrayList<>();
        for (String name : precisions) {
            Precision p;
            try {
                p = Precision.fromName(name.trim());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--precisions " + name + " is not valid: allowed fp32, bf16 or int8");
            }
            if (p == Precision.AUTO) {
                throw new UsageException("--precisions names variants: fp32, bf16 or int8");
            }
            chosen.add(p);
        }
        return chosen.stream().sorted().distinct().toList();
    }

    private static void printMachine(PrintWriter out) {
        CpuFeatures cpu = CpuFeatures.detect();
        out.printf("machine: %d cores available to the JVM; %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        out.printf("cpu: %s; %s; native bf16: %s%n", cpu.model(), String.join(" ", cpu.inferenceFlags()),
                cpu.nativeBf16() ? "yes" : "no");
        out.printf("threads: ai.djl.pytorch.num_threads=%s, num_interop_threads=%s (unset: libtorch picks the core count)%n",
                System.getProperty("ai.djl.pytorch.num_threads", "unset"),
                System.getProperty("ai.djl.pytorch.num_interop_threads", "unset"));
    }
}
