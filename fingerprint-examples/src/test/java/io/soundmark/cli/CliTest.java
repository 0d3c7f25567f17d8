package io.soundmark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.AudioFingerprinter;
import io.soundmark.DecodedAudio;
import io.soundmark.FingerprintInput;
import io.soundmark.SegmentEmbedding;
import io.soundmark.TestFiles;
import io.soundmark.decode.DecodeTesting;
import io.soundmark.decode.DecodeTesting.Decoded;
import io.soundmark.internal.decode.JavaSoundDecoderProvider;
import io.soundmark.model.ModelSource;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a user runs it: a separate JVM, exit status, stdout and stderr. */
class CliTest {

    @TempDir
    Path tmp;

    record Result(int status, String out, List<String> errLines) {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return run(List.of(), args);
    }

    static Result run(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return run(jvmOptions, null, args);
    }

    /** Runs the command line in a new JVM, with {@code stdin} (or nothing) as its standard input. */
    static Result run(List<String> jvmOptions, Path stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SoundmarkCommand.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process p = builder.start();
        if (stdin == null) {
            p.getOutputStream().close();
        }
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finishes");
        List<String> errLines = new String(err, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), errLines);
    }

    static List<String> errors(Result r) {
        return r.errLines().stream().filter(l -> !l.startsWith("warning:")).toList();
    }

    @Test
    void helpDocumentsEveryOptionWithItsDefaultAndRange() throws Exception {
        Result r = run("embed", "--help");
        assertEquals(0, r.status());
        for (String option : new String[] {"--audio", "--video", "--model", "--segment-duration", "--segment-hop",
                "--sample-rate", "--max-length", "--no-normalize", "--batch-size", "--device", "--output", "--verbose"}) {
            assertTrue(r.out().contains(option), option);
        }
        for (String fact : new String[] {"1.0 to 30.0 (default 5.0)", "0.5 to 15.0 (default 2.5)",
                "8000 to 192000 (default 48000", "1.0 to 600.0 (default 120.0)", "1 to 256 (default 2)"}) {
            assertTrue(r.out().replaceAll("\\s+", " ").contains(fact), fact);
        }
    }

    @Test
    void embedWritesJsonLinesAtomicallyToAFile() throws Exception {
        Path out = tmp.resolve("jingle.jsonl");
        Result r = run("embed", "--video", "samples/program.wav", "--model", "demo", "--output", out.toString());
        assertEquals(0, r.status(), r.errLines().toString());
        assertEquals(List.of("warning: the demo model soundmark/demo-untrained is untrained: its vectors carry no meaning"),
                r.errLines());
        assertEquals("", r.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size());
        assertEquals("video", SegmentEmbedding.fromJson(lines.get(0)).audioSourceType().jsonName());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(out), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void vectorsDoNotDependOnLibtorchsThreadCount() throws Exception {
        List<List<SegmentEmbedding>> runs = new ArrayList<>();
        for (String threads : new String[] {"1", "2", "4"}) {
            Result r = run(List.of("-Dai.djl.pytorch.num_threads=" + threads, "-Dai.djl.pytorch.num_interop_threads=1"),
                    "embed", "--audio", "samples/program.wav", "--model", "demo", "--batch-size", "3");
            assertEquals(0, r.status(), r.errLines().toString());
            runs.add(r.out().lines().map(SegmentEmbedding::fromJson).toList());
        }
        for (List<SegmentEmbedding> other : runs.subList(1, runs.size())) {
            assertEquals(runs.get(0).size(), other.size());
            for (int w = 0; w < other.size(); w++) {
                float[] a = runs.get(0).get(w).embedding();
                float[] b = other.get(w).embedding();
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-5, "window " + w + ", value " + i);
                }
            }
        }
    }

    @Test
    void aFailingInputLeavesNoOutputFileAndOneErrorLine() throws Exception {
        Path out = tmp.resolve("never.jsonl");
        String missing = tmp.resolve("missing.wav").toString();
        long start = System.nanoTime();
        Result r = run("embed", "--audio", missing, "--model", "demo", "--output", out.toString());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "fails fast, before loading the model");
        assertEquals(1, r.status());
        assertEquals(List.of("error: " + missing + ": no such file"), errors(r));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(0, files.count(), "nothing half-written");
        }
    }

    @Test
    void manyInputsWriteOneFileEachWithProgressAndReportFailures() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (String name : new String[] {"source.wav", "vbr.mp3", "video.mkv", "no_audio.mp4"}) {
            Files.copy(DecodeTesting.fixture(name), in.resolve(name));
        }
        Path out = tmp.resolve("out");
        Result r = run("embed", "--video", in.toString(), "--model", "demo", "--output-dir", out.toString(),
                "--parallel", "2");
        assertEquals(1, r.status(), "one input failed");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("source.wav.jsonl", "vbr.mp3.jsonl", "video.mkv.jsonl"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertEquals(1, Files.readAllLines(out.resolve("vbr.mp3.jsonl")).size());
        assertTrue(r.errLines().contains("error: " + in.resolve("no_audio.mp4") + ": cannot decode: the video has no audio stream"),
                r.errLines().toString());
        assertEquals(4, r.errLines().stream().filter(l -> l.startsWith("progress: ")).count());
        assertTrue(r.errLines().stream().anyMatch(l -> l.startsWith("progress: ") && l.contains(
                in.resolve("vbr.mp3") + ": 1 windows;")), r.errLines().toString());
        assertTrue(r.errLines().stream().anyMatch(l -> l.startsWith("progress: 4/4 ") && l.contains("; 1 failed, 3 windows")),
                r.errLines().toString());
    }

    @Test
    void aPartialDecodeIsAWarningLineNamingTheInput() throws Exception {
        Path whole = TestFiles.writeWav16(tmp.resolve("whole.wav"), 48000, 1, 48000 * 8, TestFiles.noise(0.1, 1));
        Path cut = Files.write(tmp.resolve("cut.wav"), Arrays.copyOf(Files.readAllBytes(whole), 44 + 2 * 48000 * 6));
        Result r = run("embed", "--audio", cut.toString(), "--model", "demo");
        assertEquals(0, r.status(), r.errLines().toString());
        assertTrue(r.errLines().contains("warning: " + cut + ": decoding stopped at 6.0 s: the file ends at 6.0 s of the 8.0 s"
                + " its header states"), r.errLines().toString());
        assertEquals(2, r.out().lines().count(), "the records of what is there");
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        Result r = run("embed", "--audio", tmp.resolve("missing.wav").toString(), "--model", "demo", "--verbose");
        assertEquals(1, r.status());
        assertTrue(r.errLines().size() > 1);
        assertTrue(r.errLines().stream().anyMatch(l -> l.contains("MediaException")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "|no command",
            "embed --audio samples/jingle.wav --model demo --segment-duration abc|--segment-duration",
            "embed --audio samples/jingle.wav --model demo --segment-hop 0.1|--segment-hop 0.1 is out of range: allowed 0.5 to 15.0",
            "embed --audio samples/jingle.wav --model demo --sample-rate 4000|--sample-rate 4000 is out of range",
            "embed --audio samples/jingle.wav --model demo --batch-size 0|--batch-size 0 is out of range",
            "embed --audio samples --model demo --output-dir OUT --parallel 0|--parallel 0 is out of range",
            "embed --audio samples/jingle.wav|--model FILE",
            "embed --audio samples --model demo|many inputs need --output-dir DIR",
            "embed --audio samples/jingle.wav --model demo --connect-timeout 0|--connect-timeout 0.0 is out of range",
            "decode --audio samples/jingle.wav|Missing required option: '--output=FILE.wav'",
            "decode --audio samples/jingle.wav --audio samples/program.wav --output x.wav|this command takes one input",
            "embed --audio samples/jingle.wav --model demo --output a.jsonl --output-dir OUT|give one of them",
            "embed --audio samples/jingle.wav --audio samples/jingle.wav --model demo --output-dir OUT|would both write jingle.wav.jsonl",
            "bogus|Unmatched argument"})
    void usageErrorsAreOneLineNamingTheFlagWithStatusTwo(String caseText) throws Exception {
        String[] parts = caseText.split("\\|", -1);
        String[] args = parts[0].isBlank() ? new String[0] : parts[0].replace("OUT", tmp.resolve("out").toString()).split(" ");
        Result r = run(args);
        assertEquals(2, r.status(), r.errLines().toString());
        if (args.length == 0) {
            assertTrue(r.errLines().stream().anyMatch(l -> l.startsWith("Usage: soundmark")), r.errLines().toString());
            return;
        }
        assertEquals(1, errors(r).size(), r.errLines().toString());
        String line = errors(r).get(0);
        assertTrue(line.startsWith("error: ") && !line.toLowerCase().startsWith("error: error"), line);
        assertTrue(line.contains(parts[1]), line);
        assertTrue(line.endsWith("(see --help)"), line);
    }

    @Test
    void anOutputThatCannotBeWrittenIsNamedWithItsCause() throws Exception {
        Path out = tmp.resolve("no-such-dir").resolve("x.jsonl");
        Result r = run("embed", "--audio", "samples/jingle.wav", "--model", "demo", "--output", out.toString());
        assertEquals(1, r.status());
        assertEquals(List.of("error: cannot write " + out + ": no such directory"), errors(r));
    }

    @Test
    void outputFilesGetTheUmasksPermissionsNotThoseOfATemporaryFile() throws Exception {
        Path out = tmp.resolve("perm.jsonl");
        Result r = run("embed", "--audio", "samples/jingle.wav", "--model", "demo", "--output", out.toString());
        assertEquals(0, r.status(), r.errLines().toString());
        Path plain = Files.createFile(tmp.resolve("plain")); // what any new file gets here
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out));
    }

    @Test
    void standardInputIsReadForADash() throws Exception {
        Result fromFile = run("embed", "--audio", "samples/jingle.wav", "--model", "demo");
        Result fromStdin = run(List.of(), Path.of("samples/jingle.wav"), "embed", "--audio", "-", "--model", "demo");
        assertEquals(0, fromStdin.status(), fromStdin.errLines().toString());
        List<SegmentEmbedding> a = fromFile.out().lines().map(SegmentEmbedding::fromJson).toList();
        List<SegmentEmbedding> b = fromStdin.out().lines().map(SegmentEmbedding::fromJson).toList();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).embedding(), b.get(i).embedding());
        }
    }

    @Test
    void quietLeavesOnlyErrorsOnStderr() throws Exception {
        Result r = run("embed", "--audio", "samples/jingle.wav", "--model", "demo", "--sample-rate", "16000", "--quiet");
        assertEquals(0, r.status());
        assertEquals(List.of(), r.errLines());
    }

    @Test
    void aClosedStandardOutputStopsTheRunWithAnError() throws Exception {
        Path wav = TestFiles.writeWav16(tmp.resolve("long.wav"), 48000, 1, 48000L * 120, TestFiles.noise(0.3, 3));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SoundmarkCommand.class.getName(),
                "embed", "--audio", wav.toString(), "--model", "demo", "--batch-size", "1"));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertTrue(reader.readLine().startsWith("{"), "a first record");
        long closed = System.nanoTime();
        p.getInputStream().close(); // as `| head -1` does
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops instead of running to the end");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), err);
        assertTrue(err.contains("error: cannot write standard output: "), err);
        assertTrue((System.nanoTime() - closed) / 1e9 < 20, "stopped soon after the pipe closed");
    }

    @Test
    void decodeHelpSaysItTakesOneInput() throws Exception {
        Result r = run("decode", "--help");
        assertEquals(0, r.status());
        assertFalse(r.out().contains("Repeat it"), r.out());
        assertTrue(r.out().contains("from one input"), r.out());
    }

    @Test
    void theSampleRateWarningGoesToStderr() throws Exception {
        Result r = run("embed", "--audio", "samples/jingle.wav", "--model", "demo", "--sample-rate", "16000");
        assertEquals(0, r.status());
        assertTrue(r.errLines().stream().anyMatch(l -> l.startsWith("warning: --sample-rate 16000")), r.errLines().toString());
        assertEquals(16000, SegmentEmbedding.fromJson(r.out().lines().findFirst().orElseThrow()).sampleRate());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"source.wav", "source.flac", "vbr.mp3", "aac.m4a", "vorbis.ogg", "opus.opus", "video.mp4",
            "video.mkv"})
    void decodeWritesWhatThePipelineSeesInLineWithTheSource(String name) throws Exception {
        Path wav = tmp.resolve(name + ".wav");
        String flag = name.startsWith("video") ? "--video" : "--audio";
        Result r = run("decode", flag, DecodeTesting.fixture(name).toString(), "--output", wav.toString());
        assertEquals(0, r.status(), r.errLines().toString());
        Decoded decoded = DecodeTesting.decode(new JavaSoundDecoderProvider(), wav);
        assertEquals(48000, decoded.rate());
        assertEquals(1, decoded.channels());
        float[] source = sourceAt48k();
        int lag = DecodeTesting.bestLag(decoded.samples(), source, 4800);
        assertTrue(Math.abs(lag) <= 48, name + ": " + lag + " samples off the source");
    }

    private static float[] sourceAt48k() throws IOException {
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).build();
             DecodedAudio audio = f.openAudio(FingerprintInput.audio(DecodeTesting.fixture("source.wav")))) {
            float[] out = new float[48000];
            int size = 0;
            for (int n; (n = audio.read(out, size, out.length - size)) > 0; ) {
                size += n;
            }
            return java.util.Arrays.copyOf(out, size);
        }
    }

    static {
        // the forked JVM reads the test class path; make sure it is a real one (not a manifest-only jar)
        assert System.getProperty("java.class.path").contains(File.pathSeparator);
    }
}
