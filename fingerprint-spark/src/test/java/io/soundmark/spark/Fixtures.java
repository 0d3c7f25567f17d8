package io.soundmark.spark;

import io.soundmark.SegmentEmbedding;
import io.soundmark.model.ModelSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.apache.spark.sql.SparkSession;

/** The test inputs (committed fixtures of several formats, one broken file, two made here) and the CLI's output for them. */
final class Fixtures {

    /** The broken input: a FLAC file whose header lies about its bit depth. */
    static final String BROKEN = "lying_header.flac";
    static final String EMPTY = "empty.wav";
    static final String LONG = "long.wav";

    private Fixtures() {
    }

    /** Copies real encoders' files (WAV, MP3, FLAC, Ogg Vorbis, AAC, Opus, MKV, AIFF, AU) into {@code dir}. */
    static Path inputs(Path dir) throws IOException {
        Path decoders = Path.of(System.getProperty("soundmark.fixtures.dir"));
        Path core = Path.of(System.getProperty("soundmark.core.audio.dir"));
        Files.createDirectories(dir);
        for (String name : List.of("source.wav", "cbr.mp3", "source.flac", "vorbis.ogg", "aac.m4a", "opus.opus",
                "video.mkv", BROKEN)) {
            Files.copy(decoders.resolve(name), dir.resolve(name));
        }
        for (String name : List.of("aiff_s16.aiff", "au_ulaw.au", "six_channels.wav")) {
            Files.copy(core.resolve(name), dir.resolve(name));
        }
        writeRepeated(decoders.resolve("source.wav"), 15, dir.resolve(LONG)); // 12 s: four windows
        writeRepeated(decoders.resolve("source.wav"), 0, dir.resolve(EMPTY));  // a well-formed WAV with no samples
        return dir;
    }

    private static void writeRepeated(Path wav, int times, Path out) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] once = in.readAllBytes();
            byte[] all = new byte[once.length * times];
            for (int i = 0; i < times; i++) {
                System.arraycopy(once, 0, all, i * once.length, once.length);
            }
            long frames = all.length / in.getFormat().getFrameSize();
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(all), in.getFormat(), frames),
                    AudioFileFormat.Type.WAVE, out.toFile());
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(e);
        }
    }

    /** What the CLI says about a directory: each input's records, and its error lines. */
    record CliOutput(Map<String, List<SegmentEmbedding>> records, List<String> errors, int status) {
    }

    /**
     * Runs {@code soundmark embed --audio DIR --output-dir OUT --model demo --parallel 2}, the CLI's
     * own code path, in a JVM of its own, and reads back one JSON Lines file per input.
     */
    static CliOutput runCli(Path inputs, Path out) throws IOException, InterruptedException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.soundmark.cli.SoundmarkCommand",
                "embed", "--audio", inputs.toString(), "--output-dir", out.toString(), "--model", "demo", "--parallel", "2");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the CLI did not finish");
        }
        Map<String, List<SegmentEmbedding>> records = new TreeMap<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                String input = inputs.resolve(f.getFileName().toString().replaceAll("\\.jsonl$", "")).toString();
                records.put(input, Files.readAllLines(f).stream().map(SegmentEmbedding::fromJson).toList());
            }
        }
        List<String> errors = err.lines().filter(l -> l.startsWith("error: ")).map(l -> l.substring(7)).toList();
        return new CliOutput(records, errors, p.exitValue());
    }

    /** A Spark session on two local cores, as a test sees it; no UI, loopback only. */
    static SparkSession spark() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("soundmark-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    /** The bundled demo model and its manifest as files in {@code dir}: {@code demo.pt}, {@code demo.json}. */
    static Path demoModelFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        String manifest = ModelSource.DEMO_RESOURCE.replace(".pt", ".json");
        copyResource(ModelSource.DEMO_RESOURCE, dir.resolve("demo.pt"));
        copyResource(manifest, dir.resolve("demo.json"));
        return dir.resolve("demo.pt");
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource not found: " + name);
            }
            Files.copy(in, to);
        }
    }

    /** The largest absolute difference between two lists of records' vectors. */
    static double maxDifference(List<SegmentEmbedding> a, List<SegmentEmbedding> b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i).embedding();
            float[] y = b.get(i).embedding();
            if (x.length != y.length) {
                return Double.POSITIVE_INFINITY;
            }
            for (int j = 0; j < x.length; j++) {
                max = Math.max(max, Math.abs(x[j] - y[j]));
            }
        }
        return max;
    }

    /** Everything of the output's segments, by source. */
    static Map<String, List<SegmentEmbedding>> bySource(JobOutput output) {
        Map<String, List<SegmentEmbedding>> all = new TreeMap<>();
        output.sources().forEachRemaining(s -> {
            if (all.put(s.sourceId(), s.segments()) != null) {
                throw new AssertionError("source read back twice: " + s.sourceId());
            }
        });
        return all;
    }

    static List<Path> dataFiles(Path table) {
        try (Stream<Path> files = Files.list(table)) {
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
