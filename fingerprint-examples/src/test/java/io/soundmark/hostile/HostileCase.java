package io.soundmark.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One case of the hostile-input corpus as its table states it ({@code expected.tsv}, written by
 * {@code hostile/make_hostile.py}, whose docstring defines the columns).
 *
 * @param name     the file in the corpus directory
 * @param video    whether it is given as a video (else as audio)
 * @param expects  the outcomes allowed: records, records+warning, empty+warning, error:CLASS, any
 * @param details  total, tol, stop, cause, make
 * @param why      what the case is
 */
public record HostileCase(String name, boolean video, List<String> expects, Map<String, String> details, String why) {

    /** The corpus directory: {@code -Dsoundmark.hostile.dir}, else the committed one. */
    public static Path directory() {
        return Path.of(System.getProperty("soundmark.hostile.dir", "hostile/cases"));
    }

    /** Every case of the corpus in {@code dir}, in table order. */
    public static List<HostileCase> load(Path dir) {
        List<HostileCase> cases = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.startsWith("name\t") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                Map<String, String> details = new LinkedHashMap<>();
                for (String kv : f[3].split(";")) {
                    if (!kv.isEmpty()) {
                        details.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                }
                cases.add(new HostileCase(f[0], f[1].equals("video"), List.of(f[2].split("\\|")), details, f[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** The special file the test makes instead of reading one (fifo, dir, devzero, missing). */
    public Optional<String> make() {
        return Optional.ofNullable(details.get("make"));
    }

    /**
     * The location to give as input: the corpus file, or a special file made in {@code scratch}.
     */
    public String location(Path dir, Path scratch) {
        if (make().isEmpty()) {
            return dir.resolve(name).toString();
        }
        Path path = scratch.resolve(name);
        try {
            switch (make().get()) {
                case "fifo" -> {
                    if (!Files.exists(path) && new ProcessBuilder("mkfifo", path.toString()).start().waitFor() != 0) {
                        throw new IllegalStateException("mkfifo failed for " + path);
                    }
                }
                case "dir" -> Files.createDirectories(path);
                case "devzero" -> {
                    return "/dev/zero";
                }
                case "missing" -> Files.deleteIfExists(path);
                default -> throw new IllegalArgumentException("unknown special file " + make().get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return path.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
