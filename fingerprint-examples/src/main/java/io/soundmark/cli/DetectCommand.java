package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.SoundmarkException;
import io.soundmark.index.Detection;
import io.soundmark.index.DetectionListener;
import io.soundmark.index.DetectionSummary;
import io.soundmark.index.IndexException;
import io.soundmark.index.SegmentIndex;
import io.soundmark.index.SoundmarkDetector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code soundmark detect}: finds the marks of a marks index in a file, standard input or a live stream. */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Find sound marks in media and print each occurrence as it is confirmed, in time order, as",
                "JSON Lines: mark_id, start_time_sec, end_time_sec, score. --marks is an index built by 'index add'",
                "from one clip per mark. INPUT may be a file of any length, - for standard input, or an http(s)",
                "URL of a live stream (scanned for as long as it runs)."})
final class DetectCommand implements Callable<Integer> {

    @Option(names = "--marks", paramLabel = "DIR", required = true, description = "The marks index: one source per mark.")
    Path marksDir;

    @ArgGroup(multiplicity = "1")
    InputOptions.OneInput input;

    @Mixin
    InputOptions options;

    @Mixin
    ModelOption model;

    @Mixin
    InferenceOptions inference;

    @Option(names = "--min-score", paramLabel = "S", defaultValue = "0.5",
            description = "Absolute minimum score (cosine) of an occurrence, -1 to 1 (default ${DEFAULT-VALUE}); see the "
                    + "README on calibrating it for a trained model.")
    double minScore;

    @Option(names = "--min-margin", paramLabel = "R", defaultValue = "2.0",
            description = "How many times closer to the mark than to its background an occurrence must be, 1 to 100 "
                    + "(default ${DEFAULT-VALUE}).")
    double minMargin;

    @Option(names = "--with-margin", description = "Add each occurrence's margin to its line (\"margin\"), to calibrate --min-margin.")
    boolean withMargin;

    @Option(names = "--reconnect", paramLabel = "N", defaultValue = "0",
            description = "For an http(s) live stream: open it again up to N times after it breaks off (default ${DEFAULT-VALUE}).")
    int reconnect;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try (SegmentIndex marks = openMarks()) {
            AudioFingerprinter.Builder builder = options.builder(err);
            if (!spec.commandLine().getParseResult().hasMatchedOption("--max-download-bytes")) {
                // a live stream has no end: no size limit unless asked for
                builder.sourceOptions(options.sourceOptions().withMaxBytes(Long.MAX_VALUE));
            }
            inference.applyTo(model.applyTo(builder, marks.info().modelLocation()));
            try (AudioFingerprinter fingerprinter = fingerprinter(builder)) {
                SoundmarkDetector detector = SoundmarkDetector.builder().marks(marks).fingerprinter(fingerprinter)
                        .minScore(minScore).minMargin(minMargin).reconnect(reconnect, 2000).build();
                FingerprintInput input = this.input.toInput();
                DetectionSummary summary = detector.detect(input, new DetectionListener() {
                    @Override
                    public void onDetection(Detection d) {
                        out.println(withMargin ? d.toJson().replaceFirst("}$", String.format(Locale.ROOT, ",\"margin\":%.3f}",
                                d.margin())) : d.toJson());
                        out.flush();
                    }

                    @Override
                    public void onInterruption(SoundmarkException cause, double atSec, boolean reconnecting) {
                        if (reconnecting) { // otherwise the failure itself ends the command, as an error
                            err.printf(Locale.ROOT, "warning: %s (after %.1f s); reconnecting%n",
                                    Failures.oneLine(cause.getMessage()), atSec);
                            err.flush();
                        }
                    }
                });
                if (options.verbose) {
                    err.printf(Locale.ROOT, "detected %d occurrence(s) in %.1f s of audio: %.1f x real time, %.2f model calls "
                                    + "per second of audio (%s)%n", summary.detections(), summary.programSec(), summary.speed(),
                            summary.callsPerSecond(), detector.plan());
                }
            }
            return 0;
        } catch (IllegalArgumentException | SoundmarkException e) {
            return Failures.report(err, e, options.verbose);
        }
    }

    /** The fingerprinter detection runs with (here and when 'index add' prepares marks): windows up to 10 s. */
    static AudioFingerprinter fingerprinter(AudioFingerprinter.Builder builder) {
        return builder.segmentDurationSec(10).segmentHopSec(10).build();
    }

    /** Writable when possible, so that prepared marks are kept; read-only while another process writes it. */
    private SegmentIndex openMarks() {
        SegmentIndex.builder(marksDir).readOnly().build().close(); // fails clearly when there is no index
        try {
            return SegmentIndex.builder(marksDir).build();
        } catch (IndexException e) {
            return SegmentIndex.builder(marksDir).readOnly().build();
        }
    }

}
