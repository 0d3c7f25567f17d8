package io.soundmark.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The media locations a job fingerprints: local paths (on a file system every node mounts),
 * {@code file:} URIs, http(s) URLs or {@code s3://bucket/key} URLs — whatever the core reads.
 *
 * <pre>{@code
 * JobInput.textFile("hdfs:///archive/locations.txt");   // one location per line
 * JobInput.directory("/mnt/archive/spots");             // every regular file under it
 * JobInput.table("archive.media", "location");          // a column of any Spark table
 * JobInput.dataset(frame, "url");                       // a column of a DataFrame
 * }</pre>
 */
public sealed interface JobInput {

    /** A text file (any Hadoop path) with one location per line; blank lines and lines starting with {@code #} are skipped. */
    static JobInput textFile(String path) {
        return new TextFile(requireText(path, "input file"));
    }

    /**
     * Every regular file under a directory of the driver's file system, recursively, except hidden
     * ones (names starting with a dot); on a cluster, a directory every node mounts at the same path.
     */
    static JobInput directory(String path) {
        return new Directory(requireText(path, "input directory"));
    }

    /** The string column {@code column} of the Spark table {@code name}. */
    static JobInput table(String name, String column) {
        return new Table(requireText(name, "table"), requireText(column, "location column"));
    }

    /** The string column {@code column} of a DataFrame of this Spark session. */
    static JobInput dataset(Dataset<Row> rows, String column) {
        return new Frame(Objects.requireNonNull(rows, "rows"), requireText(column, "location column"));
    }

    /** The locations, gathered on the driver, duplicates included; nulls and blank lines of a text file left out. */
    List<String> locations(SparkSession spark);

    /** See {@link JobInput#textFile(String)}. */
    record TextFile(String path) implements JobInput {
        @Override
        public List<String> locations(SparkSession spark) {
            return spark.read().textFile(path).collectAsList().stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    /** See {@link JobInput#directory(String)}. */
    record Directory(String path) implements JobInput {
        @Override
        public List<String> locations(SparkSession spark) {
            Path dir = Path.of(path).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(path + ": not a directory");
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                return walk.filter(Files::isRegularFile).filter(f -> !hidden(dir.relativize(f)))
                        .map(Path::toString).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(path + ": " + e.getMessage(), e);
            }
        }

        private static boolean hidden(Path relative) {
            for (Path name : relative) {
                if (name.toString().startsWith(".")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** See {@link JobInput#table(String, String)}. */
    record Table(String name, String column) implements JobInput {
        @Override
        public List<String> locations(SparkSession spark) {
            return columnValues(spark.table(name), column);
        }
    }

    /** See {@link JobInput#dataset(Dataset, String)}. */
    record Frame(Dataset<Row> rows, String column) implements JobInput {
        @Override
        public List<String> locations(SparkSession spark) {
            return columnValues(rows, column);
        }
    }

    private static List<String> columnValues(Dataset<Row> rows, String column) {
        return rows.select(functions.col(column).cast("string")).as(Encoders.STRING()).collectAsList().stream()
                .filter(Objects::nonNull).toList();
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return value;
    }
}
