package io.soundmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.soundmark.TestFiles;
import io.soundmark.examples.GeneratedMarks;
import io.soundmark.index.IndexedSource;
import io.soundmark.index.SegmentIndex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code index add}, {@code index info}, {@code search} and {@code detect} as a user runs them, in a separate JVM. */
class IndexCliTest {

    static final String JINGLE = "samples/jingle.wav";
    static final String PROGRAM = "samples/program.wav";

    @TempDir
    Path tmp;

    static JsonObject json(String line) {
        return JsonParser.parseString(line).getAsJsonObject();
    }

    @Test
    void indexAddPrintsASummaryPerInputAndInfoDescribesTheIndex() throws Exception {
        Path index = tmp.resolve("idx");
        CliTest.Result add = CliTest.run("index", "add", "--index", index.toString(), "--audio", JINGLE, "--audio", PROGRAM,
                "--model", "demo", "--segment-duration", "2", "--segment-hop", "1");
        assertEquals(0, add.status(), add.errLines().toString());
        assertEquals(2, add.errLines().stream().filter(l -> l.startsWith("indexed ")).count(), add.errLines().toString());
        assertTrue(add.errLines().stream().anyMatch(l -> l.startsWith("indexed samples/program.wav: 11 segments, 12.00 s of audio")),
                add.errLines().toString());
        CliTest.Result info = CliTest.run("index", "info", "--index", index.toString(), "--sources");
        assertEquals(0, info.status(), info.errLines().toString());
        List<String> lines = info.out().lines().toList();
        JsonObject summary = json(lines.get(0));
        assertEquals("soundmark/demo-untrained", summary.get("model_id").getAsString());
        assertEquals(2.0, summary.get("segment_duration_sec").getAsDouble());
        assertEquals(1.0, summary.get("segment_hop_sec").getAsDouble());
        assertEquals(48000, summary.get("sample_rate").getAsInt());
        assertEquals(2, summary.get("sources").getAsInt());
        assertEquals(13, summary.get("segments").getAsInt());
        assertEquals(Set.of(JINGLE, PROGRAM), Set.of(json(lines.get(1)).get("source_id").getAsString(),
                json(lines.get(2)).get("source_id").getAsString()));
        assertEquals(Path.of(PROGRAM).toAbsolutePath().toString(), json(lines.get(2)).get("location").getAsString());
    }

    @Test
    void searchPrintsTheNearestWindowsOfEachClipWindowAsJsonLines() throws Exception {
        Path index = tmp.resolve("idx");
        assertEquals(0, CliTest.run("index", "add", "--index", index.toString(), "--audio", PROGRAM, "--id", "program",
                "--model", "demo", "--segment-duration", "2", "--segment-hop", "1").status());
        CliTest.Result r = CliTest.run("search", "--index", index.toString(), "--audio", PROGRAM, "--k", "2", "--min-score", "0.5");
        assertEquals(0, r.status(), r.errLines().toString());
        List<JsonObject> hits = r.out().lines().map(IndexCliTest::json).toList();
        assertEquals(22, hits.size(), "two hits for each of the clip's 11 windows");
        JsonObject first = hits.get(0);
        assertEquals(Set.of("query_segment_index", "source_id", "segment_index", "start_time_sec", "end_time_sec", "score"),
                first.keySet());
        assertEquals(0, first.get("query_segment_index").getAsInt());
        assertEquals("program", first.get("source_id").getAsString());
        assertEquals(0, first.get("segment_index").getAsInt(), "a window is nearest to itself");
        assertEquals(1.0, first.get("score").getAsDouble(), 1e-5);
        assertEquals(2.0, first.get("end_time_sec").getAsDouble());
    }

    @Test
    void detectFindsTheMarkInTheProgramFromAFileAndFromStandardInput() throws Exception {
        Path markWav = GeneratedMarks.markWav(tmp.resolve("mark.wav"), 0);
        Path program = GeneratedMarks.programWav(tmp.resolve("program.wav"), false);
        Path marks = tmp.resolve("marks");
        CliTest.Result add = CliTest.run("index", "add", "--index", marks.toString(), "--audio", markWav.toString(), "--id", "logo",
                "--model", "demo");
        assertEquals(0, add.status(), add.errLines().toString());
        assertTrue(add.errLines().stream().anyMatch(l -> l.startsWith("prepared 1 mark(s) for detection")), add.errLines().toString());
        CliTest.Result r = CliTest.run("detect", "--marks", marks.toString(), "--audio", program.toString());
        assertEquals(0, r.status(), r.errLines().toString());
        List<JsonObject> found = r.out().lines().map(IndexCliTest::json).toList();
        assertEquals(1, found.size(), r.out());
        JsonObject d = found.get(0);
        assertEquals(Set.of("mark_id", "start_time_sec", "end_time_sec", "score"), d.keySet());
        assertEquals("logo", d.get("mark_id").getAsString());
        assertEquals(GeneratedMarks.A_AT, d.get("start_time_sec").getAsDouble(), 0.25);
        assertEquals(d.get("start_time_sec").getAsDouble() + 2.0, d.get("end_time_sec").getAsDouble(), 0.01);

        ProcessBuilder piped = command("detect", "--marks", marks.toString(), "--audio", "-");
        piped.redirectInput(program.toFile());
        Process p = piped.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(r.out(), out, "the same occurrence from standard input");
    }

    @Test
    void anIdNamesOneInputOnly() throws Exception {
        CliTest.Result r = CliTest.run("index", "add", "--index", tmp.resolve("idx").toString(), "--audio", JINGLE,
                "--audio", PROGRAM, "--id", "x", "--model", "demo");
        assertEquals(2, r.status(), "a usage error");
        assertEquals(List.of("error: --id names one source, but 2 inputs were given (see --help)"), CliTest.errors(r));
    }

    @Test
    void aDetectorOfAnotherModelIsRefused() throws Exception {
        Path marks = tmp.resolve("marks");
        Path probe = tmp.resolve("probe.pt");
        Files.write(probe, TestFiles.resourceBytes("models/probe.pt"));
        Files.write(tmp.resolve("probe.json"), TestFiles.resourceBytes("models/probe.json"));
        assertEquals(0, CliTest.run("index", "add", "--index", marks.toString(), "--audio", JINGLE, "--model", "demo").status());
        CliTest.Result r = CliTest.run("detect", "--marks", marks.toString(), "--audio", PROGRAM, "--model", probe.toString());
        assertEquals(1, r.status());
        assertTrue(CliTest.errors(r).get(0).contains("holds marks fingerprinted with model soundmark/demo-untrained"),
                r.errLines().toString());
    }

    /**
     * A process killed with SIGKILL in the middle of {@code index add} leaves an index that opens,
     * holds every source the process reported as indexed, and holds no source in part.
     */
    @Test
    void killingIndexAddLeavesEveryCommittedSourceIntact() throws Exception {
        Path inputs = Files.createDirectories(tmp.resolve("inputs"));
        for (int i = 0; i < 40; i++) {
            TestFiles.writeWav16(inputs.resolve(String.format("clip%02d.wav", i)), 48000, 1, 48000 * (8 + i % 5),
                    TestFiles.noise(0.2, i));
        }
        Path index = tmp.resolve("idx");
        Process p = command("index", "add", "--index", index.toString(), "--audio", inputs.toString(), "--model", "demo",
                "--segment-duration", "1", "--segment-hop", "0.5").start();
        p.getOutputStream().close();
        Pattern indexed = Pattern.compile("indexed (\\S+): (\\d+) segments.*");
        Map<String, Integer> reported = new TreeMap<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; reported.size() < 4 && (line = err.readLine()) != null; ) {
                Matcher m = indexed.matcher(line);
                if (m.matches()) {
                    reported.put(m.group(1), Integer.parseInt(m.group(2)));
                }
            }
            Thread.sleep(30 + (System.nanoTime() % 400)); // somewhere in the next input: fingerprinting or committing
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        assertEquals(4, reported.size(), "four sources were reported before the kill");
        try (SegmentIndex opened = SegmentIndex.open(index)) {
            List<IndexedSource> sources = opened.sources();
            Map<String, Integer> held = new TreeMap<>();
            for (IndexedSource s : sources) {
                held.put(s.id(), s.segments());
                assertEquals(s.segments(), opened.segments(s.id()).size(), s.id() + " is whole");
            }
            for (Map.Entry<String, Integer> e : reported.entrySet()) {
                assertEquals(e.getValue(), held.get(e.getKey()), e.getKey() + " survived");
                assertEquals(e.getKey(), opened.search(opened.segments(e.getKey()).get(2).embedding(),
                        io.soundmark.index.SearchOptions.builder().k(1).build()).get(0).sourceId(), "and answers searches");
            }
            assertTrue(sources.size() < 40, "the kill came before the end");
            long segments = sources.stream().mapToLong(IndexedSource::segments).sum();
            assertEquals(segments, opened.info().segments(), "no window of a lost source is left behind");
        }
    }

    @Test
    void benchSearchPrintsRecallLatencyBuildRateAndBytesForFloatAndInt8() throws Exception {
        CliTest.Result r = CliTest.run("bench-search", "--vectors", "3000", "--queries", "20", "--candidates", "10,100",
                "--dir", tmp.toString());
        assertEquals(0, r.status(), r.errLines().toString());
        for (String kind : new String[] {"none", "int8"}) {
            assertTrue(r.out().contains(kind + ": built 3000 vectors in "), r.out());
            assertTrue(r.out().matches("(?s).*" + kind + ": on disk [0-9.]+ MiB \\(graph [0-9.]+ MiB, float vectors [0-9.]+ MiB.*"), r.out());
            Matcher m = Pattern.compile(kind + ": candidates 100: recall@10 ([0-9.]+), latency p50 [0-9.]+ ms, p99 [0-9.]+ ms").matcher(r.out());
            assertTrue(m.find(), r.out());
            assertTrue(Double.parseDouble(m.group(1)) >= 0.95, m.group());
        }
    }

    static ProcessBuilder command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SoundmarkCommand.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }
}
