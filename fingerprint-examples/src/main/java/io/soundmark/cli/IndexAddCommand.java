package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.SegmentEmbedding;
import io.soundmark.SoundmarkException;
import io.soundmark.index.IndexInfo;
import io.soundmark.index.IndexedSource;
import io.soundmark.index.Quantization;
import io.soundmark.index.SegmentIndex;
import io.soundmark.index.SegmentParameters;
import io.soundmark.index.SoundmarkDetector;
import io.soundmark.index.WindowPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code soundmark index add}: fingerprints inputs and adds each to an index under its id. */
@Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Fingerprint inputs and add each to the index under its id (the input as given, or --id);",
                "adding an id again replaces it. Each input is committed before the next one starts, with a",
                "summary line on stderr. For sound marks, add one clip (1 to 30 s) per mark: an index of such",
                "clips only is prepared for 'detect' right away."})
final class IndexAddCommand implements Callable<Integer> {

    /** Sources up to this long make a marks index (see {@link #prepareMarks}). */
    static final double MAX_MARK_SEC = 30.0;

    @Option(names = "--index", paramLabel = "DIR", required = true, description = "The index directory (created if absent).")
    Path index;

    @ArgGroup(multiplicity = "1")
    InputOptions.ManyInputs inputs;

    @Mixin
    InputOptions options;

    @Mixin
    ModelOption model;

    @Option(names = "--id", paramLabel = "ID", description = "The source id, for a single input (default: the input as given).")
    String id;

    @Option(names = "--segment-duration", paramLabel = "S",
            description = "Window length in seconds, 1.0 to 30.0 (default: the index's; 5.0 for a new index).")
    Double segmentDuration;

    @Option(names = "--segment-hop", paramLabel = "S",
            description = "Step between window starts in seconds, 0.5 to 15.0 (default: the index's; 2.5 for a new index).")
    Double segmentHop;

    @Option(names = "--quantization", paramLabel = "none|int8",
            description = "How a new index's graph stores vectors: none (floats) or int8 (a quarter of the bytes "
                    + "searched; scores stay exact). An existing index keeps its own.")
    String quantization;

    @Mixin
    InferenceOptions inference;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<FingerprintInput> inputs = this.inputs.toInputs();
            if (id != null && inputs.size() != 1) {
                throw new UsageException("--id names one source, but " + inputs.size() + " inputs were given");
            }
            SegmentIndex.Builder opening = SegmentIndex.builder(index);
            if (model.model != null) {
                opening.modelLocation(model.model.equals("demo") ? model.model : location(model.model));
            }
            if (quantization != null) {
                opening.quantization(Quantization.valueOf(quantization.toUpperCase(Locale.ROOT)));
            }
            try (SegmentIndex target = opening.build()) {
                IndexInfo info = target.info();
                AudioFingerprinter.Builder builder = inference.applyTo(model.applyTo(options.builder(err))
                        .segmentDurationSec(segmentDuration != null ? segmentDuration
                                : info.parameters() != null ? info.parameters().segmentDurationSec() : 5.0)
                        .segmentHopSec(segmentHop != null ? segmentHop
                                : info.parameters() != null ? info.parameters().segmentHopSec() : 2.5));
                int status;
                try (AudioFingerprinter fingerprinter = builder.build()) {
                    status = addAll(target, fingerprinter, inputs, err);
                }
                prepareMarks(target, err);
                return status;
            }
        } catch (IllegalArgumentException | SoundmarkException e) {
            return Failures.report(err, e, options.verbose);
        }
    }

    /** Adds each input in turn; one that fails is reported and skipped. Status 1 if any failed. */
    private int addAll(SegmentIndex target, AudioFingerprinter fingerprinter, List<FingerprintInput> inputs, PrintWriter err) {
        SegmentParameters layout = SegmentParameters.of(fingerprinter.options());
        int failed = 0;
        for (FingerprintInput in : inputs) {
            String sourceId = id != null ? id : in.name();
            long start = System.nanoTime();
            try {
                List<SegmentEmbedding> segments = fingerprinter.fingerprint(in);
                target.add(sourceId, location(in.name()), layout, segments);
                Double total = segments.isEmpty() ? Double.valueOf(0) : segments.get(0).totalDurationSec();
                err.printf(Locale.ROOT, "indexed %s: %d segments, %.2f s of audio, in %.1f s%n", sourceId, segments.size(),
                        total == null ? Double.NaN : total, (System.nanoTime() - start) / 1e9);
            } catch (SoundmarkException e) {
                failed++;
                err.println("error: " + Failures.oneLine(e.getMessage()));
                if (options.verbose) {
                    e.printStackTrace(err);
                }
            }
            err.flush();
        }
        return failed == 0 ? 0 : 1;
    }

    /**
     * An index of short sources only (1 to 30 s each) is a marks index: its marks are prepared for
     * {@code detect} now (their probes are stored in it), so that detection starts at once.
     */
    private void prepareMarks(SegmentIndex target, PrintWriter err) {
        List<IndexedSource> sources = target.sources();
        boolean marks = !sources.isEmpty() && sources.stream().allMatch(s -> s.totalDurationSec() != null
                && s.totalDurationSec() >= WindowPlan.MIN_MARK_SEC && s.totalDurationSec() <= MAX_MARK_SEC);
        if (!marks) {
            return;
        }
        long start = System.nanoTime();
        try (AudioFingerprinter fingerprinter = DetectCommand.fingerprinter(inference.applyTo(model.applyTo(options.builder(err))))) {
            SoundmarkDetector detector = SoundmarkDetector.builder().marks(target).fingerprinter(fingerprinter).build();
            if (detector.preparationCalls() > 0) {
                err.printf(Locale.ROOT, "prepared %d mark(s) for detection (%d model calls, %.1f s)%n", sources.size(),
                        detector.preparationCalls(), (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** Where to read the input again: URLs as given, local files by their absolute path. */
    static String location(String input) {
        if (input.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !input.matches("^[A-Za-z]:[\\\\/].*")) {
            return input;
        }
        return Path.of(input).toAbsolutePath().normalize().toString();
    }
}
