package io.soundmark.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.SegmentEmbedding;
import io.soundmark.index.Detection;
import io.soundmark.index.DetectionSummary;
import io.soundmark.index.SegmentIndex;
import io.soundmark.index.SegmentParameters;
import io.soundmark.index.SoundmarkDetector;
import io.soundmark.model.ModelSource;
import io.soundmark.model.Precision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code soundmark bench-detect}: runs sound-mark detection over the benchmark that
 * {@code fingerprint-index/scripts/make_detection_bench.py} generates and scores it against its
 * truth: precision, recall, start-time error, detection speed and model calls per second.
 */
@Command(name = "bench-detect", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Measure sound-mark detection on a generated benchmark (make_detection_bench.py): registers",
                "its marks in an index, scans every program and prints precision, recall, start-time error,",
                "speed (x real time) and model calls per second of program."})
final class DetectionBenchCommand implements Callable<Integer> {

    @Option(names = "--bench", paramLabel = "DIR", required = true, description = "The benchmark directory (truth.json, marks/, programs/).")
    Path bench;

    @Option(names = "--model", paramLabel = "FILE|demo", required = true, description = "The model (benchmarks of record: the full-size stand-in).")
    String model;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "auto",
            description = "Model variant: auto (default), fp32, bf16 or int8, as for 'embed'.")
    String precision;

    @Option(names = "--index", paramLabel = "DIR",
            description = "The marks index to use or create (default: BENCH/marks-index-MODEL); kept, so that marks are prepared once.")
    Path index;

    @Option(names = "--program", paramLabel = "NAME", description = "Scan only programs whose file name contains NAME (repeatable).")
    List<String> programs;

    @Option(names = "--min-score", paramLabel = "S", defaultValue = "0.5", description = "Detector's absolute minimum score (default ${DEFAULT-VALUE}).")
    double minScore;

    @Option(names = "--min-margin", paramLabel = "R", defaultValue = "2.0", description = "Detector's minimum margin (default ${DEFAULT-VALUE}).")
    double minMargin;

    @Option(names = "--candidate-ratio", paramLabel = "R", defaultValue = "1.5", description = "Detector's candidate ratio (default ${DEFAULT-VALUE}).")
    double candidateRatio;

    @Option(names = "--list", description = "Print every detection and every missed mark.")
    boolean list;

    @Spec
    CommandSpec spec;

    record Truth(String mark, double start, double end) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        JsonObject truth = JsonParser.parseString(Files.readString(bench.resolve("truth.json"))).getAsJsonObject();
        ModelSource source = ModelSource.of(model);
        Path indexDir = index != null ? index : bench.resolve("marks-index-" + source.manifest().id().replaceAll("[^A-Za-z0-9.-]", "_"));
        out.println(MachineDescription.describe());
        try (AudioFingerprinter fingerprinter = AudioFingerprinter.builder().model(source).precision(Precision.fromName(precision))
                .segmentDurationSec(10).build();
             SegmentIndex marks = SegmentIndex.open(indexDir)) {
            out.printf(Locale.ROOT, "model: %s (%s), precision %s%n", fingerprinter.modelManifest().id(), model,
                    fingerprinter.modelManifest().precision().manifestName());
            register(truth, marks, fingerprinter, out);
            long prepStart = System.nanoTime();
            SoundmarkDetector detector = SoundmarkDetector.builder().marks(marks).fingerprinter(fingerprinter)
                    .minScore(minScore).minMargin(minMargin).candidateRatio(candidateRatio).build();
            out.printf(Locale.ROOT, "marks: %d; plan: %s; prepared with %d model calls in %.1f s%n", detector.markIds().size(),
                    detector.plan(), detector.preparationCalls(), (System.nanoTime() - prepStart) / 1e9);
            Score score = new Score();
            long cpuStart = processCpuNanos();
            for (JsonElement e : truth.getAsJsonArray("programs")) {
                JsonObject p = e.getAsJsonObject();
                String file = p.get("file").getAsString();
                if (programs != null && programs.stream().noneMatch(file::contains)) {
                    continue;
                }
                List<Truth> inserted = new ArrayList<>();
                for (JsonElement m : p.getAsJsonArray("marks")) {
                    JsonObject o = m.getAsJsonObject();
                    inserted.add(new Truth(markId(o.get("mark").getAsString()), o.get("start_sec").getAsDouble(),
                            o.get("end_sec").getAsDouble()));
                }
                List<Detection> found = new ArrayList<>();
                DetectionSummary summary = detector.detect(FingerprintInput.audio(bench.resolve("programs").resolve(file)), found::add);
                score.add(file, inserted, found, summary, out, list);
            }
            score.cpuSec = (processCpuNanos() - cpuStart) / 1e9;
            score.print(out);
        }
        return 0;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private String markId(String file) {
        return bench.resolve("marks").resolve(file).toString();
    }

    /** Adds every mark that the index does not hold yet, under its path. */
    private void register(JsonObject truth, SegmentIndex marks, AudioFingerprinter fingerprinter, PrintWriter out) {
        try (AudioFingerprinter records = AudioFingerprinter.builder().model(ModelSource.of(model)).build()) {
            for (JsonElement e : truth.getAsJsonArray("marks")) {
                String id = markId(e.getAsJsonObject().get("file").getAsString());
                if (marks.source(id).isEmpty()) {
                    List<SegmentEmbedding> segments = records.fingerprint(FingerprintInput.audio(id));
                    marks.add(id, id, SegmentParameters.of(records.options()), segments);
                }
            }
        }
        out.printf(Locale.ROOT, "marks index: %s (%d marks)%n", marks.directory(), marks.info().sources());
    }

    /** Matches detections to inserted marks: same mark, intervals overlapping by more than half. */
    private static final class Score {
        int truths;
        int matched;
        int detections;
        int correct;
        int cleanDetections;
        double programSec;
        double elapsedSec;
        long calls;
        long candidates;
        final List<Double> errors = new ArrayList<>();
        double cpuSec;

        void add(String file, List<Truth> inserted, List<Detection> found, DetectionSummary s, PrintWriter out, boolean list) {
            truths += inserted.size();
            detections += found.size();
            programSec += s.programSec();
            elapsedSec += s.elapsedSec();
            calls += s.modelCalls();
            candidates += s.candidates();
            if (inserted.isEmpty()) {
                cleanDetections += found.size();
            }
            boolean[] used = new boolean[found.size()];
            int foundHere = 0;
            for (Truth t : inserted) {
                int best = -1;
                for (int i = 0; i < found.size(); i++) {
                    Detection d = found.get(i);
                    double overlap = Math.min(d.endTimeSec(), t.end()) - Math.max(d.startTimeSec(), t.start());
                    if (!used[i] && d.markId().equals(t.mark()) && overlap > (t.end() - t.start()) / 2) {
                        best = i;
                    }
                }
                if (best >= 0) {
                    used[best] = true;
                    matched++;
                    foundHere++;
                    errors.add(Math.abs(found.get(best).startTimeSec() - t.start()));
                } else if (list) {
                    out.printf(Locale.ROOT, "  %s: MISSED %s at %.3f%n", file, Path.of(t.mark()).getFileName(), t.start());
                }
            }
            for (int i = 0; i < found.size(); i++) {
                correct += used[i] ? 1 : 0;
                if (list) {
                    Detection d = found.get(i);
                    out.printf(Locale.ROOT, "  %s: %s %s at %.3f score %.5f margin %.2f%n", file, used[i] ? "ok   " : "FALSE",
                            Path.of(d.markId()).getFileName(), d.startTimeSec(), d.score(), d.margin());
                }
            }
            out.printf(Locale.ROOT, "%s: %d/%d found, %d detections, %.1f x real time, %.2f calls/s, %d candidates%n",
                    file, foundHere, inserted.size(), found.size(), s.speed(), s.callsPerSecond(), s.candidates());
            out.flush();
        }

        void print(PrintWriter out) {
            Collections.sort(errors);
            double median = errors.isEmpty() ? Double.NaN : errors.get(errors.size() / 2);
            double max = errors.isEmpty() ? Double.NaN : errors.get(errors.size() - 1);
            long over = errors.stream().filter(e -> e > 0.25).count();
            out.printf(Locale.ROOT, "inserted marks: %d; detections: %d (%d in programs without marks)%n", truths, detections, cleanDetections);
            out.printf(Locale.ROOT, "recall: %.4f (%d/%d); precision: %.4f (%d/%d)%n", truths == 0 ? Double.NaN : (double) matched / truths,
                    matched, truths, detections == 0 ? Double.NaN : (double) correct / detections, correct, detections);
            out.printf(Locale.ROOT, "start-time error: median %.3f s, max %.3f s, %d over 0.25 s%n", median, max, over);
            out.printf(Locale.ROOT, "speed: %.2f x real time (%.0f s of programs in %.0f s); model calls: %.3f per second of program "
                    + "(%d calls, %d candidates checked); peak RSS %d MiB%n", programSec / elapsedSec, programSec, elapsedSec,
                    calls / programSec, calls, candidates, ProcessStats.peakRssKb() / 1024);
            out.printf(Locale.ROOT, "process CPU time: %.3f s per second of program (%.1f x real time per core it keeps busy; "
                    + "on a shared machine this is steadier than the wall clock)%n", cpuSec / programSec, programSec / cpuSec);
            out.flush();
        }
    }
}
