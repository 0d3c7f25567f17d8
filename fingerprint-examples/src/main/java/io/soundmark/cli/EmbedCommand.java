package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.ParallelFingerprinter;
import io.soundmark.FingerprintOptions;
import io.soundmark.SegmentEmbedding;
import io.soundmark.SoundmarkException;
import io.soundmark.model.ModelSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code soundmark embed}: fingerprints one input and writes JSON Lines. */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Fingerprint audio, or the audio track of videos.",
                "Writes one JSON object per window (JSON Lines) to stdout or --output; with many inputs, one",
                "file per input into --output-dir."})
final class EmbedCommand implements Callable<Integer> {

    @Mixin
    InputOptions options;

    @Option(names = "--model", paramLabel = "FILE|demo",
            description = {"The model: a TorchScript (.pt) or ONNX (.onnx) file with its manifest beside it, a directory "
                    + "written by model-export/export.py, an http(s) URL (downloaded once into the cache, verified by "
                    + "SHA-256), the preset laion/clap-htsat-tiny, or 'demo' for the bundled untrained demo model. "
                    + "Default: $SOUNDMARK_MODEL."})
    String model;

    @Option(names = "--segment-duration", paramLabel = "S", defaultValue = "5.0",
            description = "Window length in seconds, 1.0 to 30.0 (default ${DEFAULT-VALUE}).")
    double segmentDuration;

    @Option(names = "--segment-hop", paramLabel = "S", defaultValue = "2.5",
            description = "Step between window starts in seconds, 0.5 to 15.0 (default ${DEFAULT-VALUE}).")
    double segmentHop;

    @Option(names = "--no-normalize", description = "Write raw model vectors instead of L2-normalised ones.")
    boolean noNormalize;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "2",
            description = "Windows per inference call, 1 to 256 (default ${DEFAULT-VALUE}); results do not depend on it.")
    int batchSize;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "Inference device: cpu, gpu or gpu:N (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the records to FILE (atomically: complete or not at all) instead of stdout.")
    Path output;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "For many inputs: write INPUT-NAME.jsonl per input into DIR, with progress on stderr.")
    Path outputDir;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "2",
            description = "For many inputs: inputs processed at once with the one model, 1 to 64 (default ${DEFAULT-VALUE}).")
    int parallel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            AudioFingerprinter.Builder builder = options.builder()
                    .segmentDurationSec(segmentDuration)
                    .segmentHopSec(segmentHop)
                    .normalizeEmbeddings(!noNormalize)
                    .batchSize(batchSize)
                    .device(device)
                    .onWarning(w -> {
                        err.println("warning: " + w); // "warning: INPUT: decoding stopped at ..."
                        err.flush();
                    });
            ModelSource source = modelSource();
            if (source != null) {
                builder.model(source);
            }
            try (AudioFingerprinter fingerprinter = builder.build()) {
                warnings(fingerprinter, err);
                if (options.many() || outputDir != null) {
                    return embedMany(fingerprinter, err);
                }
                FingerprintInput in = options.fingerprintInput();
                if (output == null) {
                    write(fingerprinter, in, new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
                } else {
                    AtomicFile.write(output, temporary -> {
                        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                            write(fingerprinter, in, out);
                        }
                    });
                }
            }
            return 0;
        } catch (IllegalArgumentException | SoundmarkException | IOException | UncheckedIOException e) {
            return Failures.report(err, e, options.verbose);
        }
    }

    /** Many inputs: one JSON Lines file each, a progress line per input, status 1 if any failed. */
    private int embedMany(AudioFingerprinter fingerprinter, PrintWriter err) throws IOException {
        if (outputDir == null) {
            throw new IllegalArgumentException("many inputs need --output-dir DIR (one .jsonl file per input)");
        }
        if (output != null) {
            throw new IllegalArgumentException("--output takes one input; use --output-dir for many");
        }
        Files.createDirectories(outputDir);
        List<FingerprintInput> inputs = options.fingerprintInputs();
        int[] done = new int[2]; // completed, failed
        long start = System.nanoTime();
        long[] windows = new long[1];
        new ParallelFingerprinter(fingerprinter, parallel).run(inputs, result -> {
            done[0]++;
            String name = result.input().name();
            if (result.succeeded()) {
                windows[0] += result.segments().size();
                try {
                    AtomicFile.write(outputDir.resolve(outputName(name)), temporary -> {
                        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                            result.segments().forEach(segment -> writeLine(out, segment));
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                done[1]++;
                err.println("error: " + Failures.oneLine(result.failure().getMessage()));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf("progress: %d/%d inputs (%d failed), %d windows, %.1f windows/s%n", done[0], inputs.size(),
                    done[1], windows[0], windows[0] / seconds);
            err.flush();
        });
        return done[1] == 0 ? 0 : 1;
    }

    /** {@code dir/song.mp3} or {@code https://host/a/song.mp3} → {@code song.mp3.jsonl}. */
    static String outputName(String input) {
        String name = input.replaceAll("[?#].*$", "");
        name = name.substring(name.lastIndexOf('/') + 1);
        return (name.isBlank() ? "input" : name.replaceAll("[^A-Za-z0-9._-]", "_")) + ".jsonl";
    }

    private ModelSource modelSource() {
        if (model == null) {
            boolean configured = System.getenv("SOUNDMARK_MODEL") != null || System.getProperty("soundmark.model") != null;
            if (!configured) {
                throw new IllegalArgumentException("no model given: pass --model FILE (a TorchScript or ONNX CLAP "
                        + "model, its directory or URL; see model-export/) or --model demo, or set SOUNDMARK_MODEL");
            }
            return null;
        }
        return ModelSource.of(model);
    }

    private void warnings(AudioFingerprinter fingerprinter, PrintWriter err) {
        String id = fingerprinter.modelManifest().id();
        if (id.equals("soundmark/demo-untrained")) {
            err.println("warning: the demo model " + id + " is untrained: its vectors carry no meaning");
        }
        int trained = fingerprinter.modelManifest().features().sampleRate();
        if (options.sampleRate != trained) {
            err.println("warning: --sample-rate " + options.sampleRate + " differs from the " + trained
                    + " Hz that model " + id + " was trained at; vectors will not match those at " + trained + " Hz");
        }
        FingerprintOptions o = fingerprinter.options();
        if (o.segmentHopSec() > o.segmentDurationSec()) {
            err.println("warning: --segment-hop " + o.segmentHopSec() + " is longer than --segment-duration "
                    + o.segmentDurationSec() + ": audio between windows is skipped");
        }
        err.flush();
    }

    private static void write(AudioFingerprinter fingerprinter, FingerprintInput in, Writer out) throws IOException {
        try {
            fingerprinter.fingerprint(in, segment -> writeLine(out, segment));
        } finally {
            out.flush();
        }
    }

    private static void writeLine(Writer out, SegmentEmbedding segment) {
        try {
            out.write(segment.toJson());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
