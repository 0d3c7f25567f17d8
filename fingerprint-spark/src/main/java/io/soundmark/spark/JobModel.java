package io.soundmark.spark;

import io.soundmark.model.ModelCache;
import io.soundmark.model.ModelSource;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.SparkFiles;

/**
 * Where the executors get the model from. It travels to the executors with the job, so it is a
 * small serializable description; each executor JVM turns it into a {@link ModelSource} once.
 *
 * <pre>{@code
 * JobModel.url(URI.create("https://models.example.com/clap/model.pt"), "3f1c…");  // downloaded once per node, verified
 * JobModel.sparkFile("model.pt");        // shipped with spark-submit --files model.pt,model.pt.json
 * JobModel.path("/shared/models/clap");  // a path every node can read
 * JobModel.demo();                       // the bundled untrained demo model
 * }</pre>
 */
public final class JobModel implements Serializable {

    private static final long serialVersionUID = 1L;

    private enum Kind { DEMO, URL, SPARK_FILE, PATH }

    private final Kind kind;
    private final String location;
    private final String sha256;
    private final String cacheDir;

    private JobModel(Kind kind, String location, String sha256, String cacheDir) {
        this.kind = kind;
        this.location = location;
        this.sha256 = sha256;
        this.cacheDir = cacheDir;
    }

    /** The bundled untrained demo model: its vectors carry no meaning. */
    public static JobModel demo() {
        return new JobModel(Kind.DEMO, "demo", null, null);
    }

    /**
     * A model at an http(s) URL, downloaded once per node into the core's model cache
     * ({@link ModelCache#defaults()} of the executor: {@code soundmark.cache.dir},
     * {@code SOUNDMARK_CACHE_DIR}, or {@code ~/.cache/soundmark}) and verified against {@code sha256}
     * (hex), or against the manifest published beside the model when that is null.
     */
    public static JobModel url(URI url, String sha256) {
        return url(url, sha256, null);
    }

    /** As {@link #url(URI, String)}, with the cache in {@code cacheDir} on every node. */
    public static JobModel url(URI url, String sha256, String cacheDir) {
        String scheme = Objects.requireNonNull(url, "url").getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("model URL must be http or https: " + url);
        }
        if (sha256 != null && !sha256.toLowerCase(Locale.ROOT).matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("model SHA-256 must be 64 hex digits, got \"" + sha256 + "\"");
        }
        return new JobModel(Kind.URL, url.toString(), sha256, cacheDir);
    }

    /**
     * A model file shipped with the job ({@code spark-submit --files model.pt,model.pt.json}, or
     * {@code SparkContext.addFile}), found on each node with {@link SparkFiles#get(String)}. Ship its
     * manifest too, so that it lands beside the model.
     */
    public static JobModel sparkFile(String fileName) {
        if (Objects.requireNonNull(fileName, "fileName").isBlank() || fileName.contains("/")) {
            throw new IllegalArgumentException("a shipped model is named by its file name alone, got \"" + fileName + "\"");
        }
        return new JobModel(Kind.SPARK_FILE, fileName, null, null);
    }

    /** A model file or directory at a path that every node reads (a shared file system). */
    public static JobModel path(String path) {
        if (Objects.requireNonNull(path, "path").isBlank()) {
            throw new IllegalArgumentException("model path is empty");
        }
        return new JobModel(Kind.PATH, path, null, null);
    }

    /** The model as the core reads it, on the node where this is called. */
    public ModelSource source() {
        return switch (kind) {
            case DEMO -> ModelSource.demo();
            case URL -> ModelSource.url(URI.create(location), sha256,
                    cacheDir == null ? ModelCache.defaults() : ModelCache.at(Path.of(cacheDir)));
            case SPARK_FILE -> ModelSource.file(Path.of(SparkFiles.get(location)));
            case PATH -> ModelSource.file(Path.of(location));
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobModel m && kind == m.kind && location.equals(m.location)
                && Objects.equals(sha256, m.sha256) && Objects.equals(cacheDir, m.cacheDir);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, location, sha256, cacheDir);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DEMO -> "demo";
            case URL -> location + (sha256 == null ? "" : " (sha256 " + sha256.substring(0, 12) + "…)");
            case SPARK_FILE -> "shipped file " + location;
            case PATH -> location;
        };
    }
}
