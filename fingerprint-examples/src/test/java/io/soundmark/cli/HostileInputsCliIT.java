package io.soundmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.FingerprintInput;
import io.soundmark.SegmentEmbedding;
import io.soundmark.hostile.HostileCase;
import io.soundmark.hostile.Outcome;
import io.soundmark.hostile.Tally;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus through the command line as users run it: the shaded jar in a JVM of
 * 256 MB. To keep CI short, the inputs of each kind (audio, video) go through one run of
 * {@code embed --output-dir} with one input at a time, after a warm-up input that loads the model;
 * each input's time is the gap between its progress line and the one before. Each outcome is then
 * checked as in-process ({@link Outcome}): the records written, or one {@code error:} line naming
 * the input and the cause, within 2 s; and nothing on stderr but warning, error and progress
 * lines (no stack trace). Directories are left out: the command line reads a directory as a batch
 * of inputs. {@code -Dsoundmark.hostile.dir=DIR} runs another corpus made by the same script.
 */
class HostileInputsCliIT {

    private static final Path JAR = Path.of(System.getProperty("soundmark.jar", "target/soundmark.jar"));
    private static final String WARM_UP = "samples/jingle.wav";
    private static final String DEMO_WARNING = "warning: the demo model soundmark/demo-untrained is untrained: "
            + "its vectors carry no meaning";
    private static final Tally TALLY = new Tally("command line, " + HostileCase.directory());

    @TempDir
    static Path scratch;

    @AfterAll
    static void report() {
        System.out.print(TALLY.report());
    }

    @TestFactory
    Stream<DynamicTest> eachHostileInputGivesItsExpectedOutcomeThroughTheCommandLine() throws Exception {
        Path dir = HostileCase.directory();
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        List<HostileCase> cases = HostileCase.load(dir).stream().filter(c -> !"dir".equals(c.make().orElse(""))).toList();
        Map<HostileCase, String> inputs = new LinkedHashMap<>();
        for (HostileCase c : cases) {
            inputs.put(c, c.location(dir, scratch));
        }
        Map<String, Outcome> outcomes = new HashMap<>();
        for (boolean video : new boolean[] {false, true}) {
            List<String> batch = cases.stream().filter(c -> c.video() == video).map(inputs::get).toList();
            outcomes.putAll(run(batch, video));
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String input = inputs.get(c);
            Outcome outcome = outcomes.get(input);
            List<String> problems = outcome.problems(c, input);
            TALLY.add(c, outcome, problems);
            assertEquals(List.of(), problems, c.name() + " (" + c.why() + "): " + outcome.describe());
        }));
    }

    /** One run of the command line over {@code inputs}; the outcome of each. */
    private static Map<String, Outcome> run(List<String> inputs, boolean video) throws Exception {
        Path out = Files.createTempDirectory(scratch, "out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString(), "embed", "--model", "demo", "--output-dir", out.toString(),
                "--parallel", "1"));
        String flag = video ? "--video" : "--audio";
        for (String input : prepend(WARM_UP, inputs)) {
            cmd.add(flag);
            cmd.add(input);
        }
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        List<String> lines = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        long start = System.nanoTime();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        if (line.startsWith("progress: ")) {
                            progress.add(System.nanoTime());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        reader.start();
        boolean finished = p.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        reader.join(10_000);
        assertTrue(finished, "the command line hangs: " + lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        assertTrue(p.exitValue() == 0 || p.exitValue() == 1, "exit status " + p.exitValue() + ": " + lines);
        assertEquals(inputs.size() + 1, progress.size(), "a progress line per input: " + lines);

        Map<String, Outcome> outcomes = new HashMap<>();
        int index = -1; // the input whose lines these are: the one after the last progress line
        Map<String, List<String>> warnings = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        Map<String, List<String>> stray = new HashMap<>();
        List<String> all = prepend(WARM_UP, inputs);
        for (String line : lines) {
            String current = all.get(Math.min(index + 1, all.size() - 1));
            if (line.startsWith("progress: ")) {
                index++;
            } else if (line.startsWith("warning: " + current + ": ")) {
                warnings.computeIfAbsent(current, k -> new ArrayList<>()).add(line.substring(("warning: " + current + ": ").length()));
            } else if (line.startsWith("error: " + current + ": ")) {
                errors.put(current, line.substring("error: ".length()));
            } else if (!line.equals(DEMO_WARNING)) {
                stray.computeIfAbsent(current, k -> new ArrayList<>()).add(line);
            }
        }
        assertEquals(List.of(), stray.getOrDefault(WARM_UP, List.of()), "the warm-up input");
        for (int i = 0; i < inputs.size(); i++) {
            String input = inputs.get(i);
            double seconds = (progress.get(i + 1) - progress.get(i)) / 1e9;
            List<SegmentEmbedding> records = new ArrayList<>();
            Path jsonl = out.resolve(EmbedCommand.outputName(FingerprintInput.audio(input)));
            if (Files.exists(jsonl)) {
                Files.readAllLines(jsonl).forEach(l -> records.add(SegmentEmbedding.fromJson(l)));
            }
            String error = errors.get(input);
            if (error == null && !Files.exists(jsonl)) {
                error = "no output file and no error line";
            }
            List<String> said = new ArrayList<>(warnings.getOrDefault(input, List.of()));
            stray.getOrDefault(input, List.of()).forEach(l -> said.add("stray stderr line: " + l));
            outcomes.put(input, new Outcome(records, said, null, error, seconds));
        }
        System.out.printf("command line, %d %s inputs in %.1f s%n", inputs.size(), video ? "video" : "audio",
                (System.nanoTime() - start) / 1e9);
        return outcomes;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
