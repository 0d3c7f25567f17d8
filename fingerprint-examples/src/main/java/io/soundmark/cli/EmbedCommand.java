package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.FingerprintOptions;
import io.soundmark.InputResult;
import io.soundmark.ParallelFingerprinter;
import io.soundmark.SegmentEmbedding;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code soundmark embed}: fingerprints inputs and writes their records as JSON Lines. */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Fingerprint audio, or the audio track of videos.",
                "Writes one JSON object per window (JSON Lines) to stdout or --output; with many inputs (repeated",
                "--audio/--video, or directories), one file per input into --output-dir."})
final class EmbedCommand implements Callable<Integer> {

    @ArgGroup(multiplicity = "1")
    InputOptions.ManyInputs inputs;

    @Mixin
    ModelOption model;

    @Mixin
    SegmentOptions segments;

    @Mixin
    InputOptions options;

    @Option(names = "--no-normalize", description = "Write raw model vectors instead of L2-normalised ones.")
    boolean noNormalize;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the records of the one input to FILE (atomically: complete or not at all) instead of stdout.")
    Path output;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write NAME.jsonl per input into DIR (atomically), with a progress: line per input on stderr.")
    Path outputDir;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "2",
            description = "With --output-dir: inputs processed at once with the one model, 1 to 64 (default ${DEFAULT-VALUE}).")
    int parallel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (output != null && outputDir != null) {
                throw new UsageException("--output takes one input and --output-dir many: give one of them");
            }
            if (inputs.many() && outputDir == null) {
                throw new UsageException("many inputs need --output-dir DIR (one .jsonl file per input)");
            }
            List<FingerprintInput> all = inputs.toInputs();
            ParallelFingerprinter parallelism = null;
            AudioFingerprinter.Builder builder = segments.applyTo(model.applyTo(options.builder(err)))
                    .normalizeEmbeddings(!noNormalize);
            try (AudioFingerprinter fingerprinter = builder.build()) {
                if (outputDir != null) {
                    parallelism = new ParallelFingerprinter(fingerprinter, parallel);
                }
                warnAboutOptions(fingerprinter, err);
                if (parallelism != null) {
                    return embedMany(parallelism, all, err);
                }
                FingerprintInput in = all.get(0);
                if (output == null) {
                    Writer out = StandardOutput.writer();
                    fingerprinter.fingerprint(in, segment -> writeLine(out, segment, StandardOutput.NAME));
                    flush(out, StandardOutput.NAME);
                } else {
                    AtomicFile.write(output, temporary -> {
                        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                            fingerprinter.fingerprint(in, segment -> writeLine(out, segment, output.toString()));
                        }
                    });
                }
            }
            return 0;
        } catch (RuntimeException e) {
            return Failures.report(err, e, options.verbose);
        }
    }

    /** Many inputs: one JSON Lines file each, a progress line per input, status 1 if any failed. */
    private int embedMany(ParallelFingerprinter parallelism, List<FingerprintInput> all, PrintWriter err) {
        Map<FingerprintInput, Path> targets = outputFiles(all);
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new OutputException(outputDir.toString(), e);
        }
        int[] done = new int[2]; // completed, failed
        long start = System.nanoTime();
        long[] windows = new long[1];
        parallelism.run(all, result -> {
            done[0]++;
            if (result.succeeded()) {
                windows[0] += result.segments().size();
                write(result, targets.get(result.input()));
            } else {
                done[1]++;
                err.println("error: " + Failures.oneLine(result.failure().getMessage()));
            }
            if (!options.quiet) {
                double seconds = (System.nanoTime() - start) / 1e9;
                err.printf("progress: %d/%d %s: %s; %d failed, %d windows, %.1f windows/s%n", done[0], all.size(),
                        result.input().name(), result.succeeded() ? result.segments().size() + " windows" : "failed",
                        done[1], windows[0], windows[0] / seconds);
            }
            err.flush();
        });
        return done[1] == 0 ? 0 : Failures.FAILED;
    }

    /** Each input's file in --output-dir; two inputs that would write the same file are a usage error. */
    private Map<FingerprintInput, Path> outputFiles(List<FingerprintInput> all) {
        Map<FingerprintInput, Path> targets = new HashMap<>();
        Map<String, FingerprintInput> byName = new HashMap<>();
        for (FingerprintInput in : all) {
            String name = outputName(in);
            FingerprintInput other = byName.putIfAbsent(name, in);
            if (other != null) {
                throw new UsageException("inputs " + other.name() + " and " + in.name() + " would both write " + name
                        + " in --output-dir: give them in separate runs or rename one");
            }
            targets.put(in, outputDir.resolve(name));
        }
        return targets;
    }

    /** {@code dir/song.mp3} or {@code https://host/a/song.mp3} → {@code song.mp3.jsonl}; standard input → {@code stdin.jsonl}. */
    static String outputName(FingerprintInput input) {
        if (input instanceof FingerprintInput.Streamed) {
            return "stdin.jsonl";
        }
        String name = input.name().replaceAll("[?#].*$", "");
        name = name.substring(name.lastIndexOf('/') + 1);
        return (name.isBlank() ? "input" : name.replaceAll("[^A-Za-z0-9._-]", "_")) + ".jsonl";
    }

    private static void write(InputResult result, Path target) {
        AtomicFile.write(target, temporary -> {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                result.segments().forEach(segment -> writeLine(out, segment, target.toString()));
            }
        });
    }

    private void warnAboutOptions(AudioFingerprinter fingerprinter, PrintWriter err) {
        String id = fingerprinter.modelManifest().id();
        if (id.equals("soundmark/demo-untrained")) {
            options.warn(err, "the demo model " + id + " is untrained: its vectors carry no meaning");
        }
        int trained = fingerprinter.modelManifest().features().sampleRate();
        if (options.sampleRate != trained) {
            options.warn(err, "--sample-rate " + options.sampleRate + " differs from the " + trained
                    + " Hz that model " + id + " was trained at; vectors will not match those at " + trained + " Hz");
        }
        FingerprintOptions o = fingerprinter.options();
        if (o.segmentHopSec() > o.segmentDurationSec()) {
            options.warn(err, "--segment-hop " + o.segmentHopSec() + " is longer than --segment-duration "
                    + o.segmentDurationSec() + ": audio between windows is skipped");
        }
    }

    /** One record as a JSON line, flushed so that readers of a pipe see it at once. */
    static void writeLine(Writer out, SegmentEmbedding segment, String target) {
        try {
            out.write(segment.toJson());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new OutputException(target, e);
        }
    }

    private static void flush(Writer out, String target) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new OutputException(target, e);
        }
    }
}
