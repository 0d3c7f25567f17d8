package io.soundmark.spark;

import io.soundmark.SegmentEmbedding;
import io.soundmark.index.SegmentParameters;
import io.soundmark.index.SourceSegments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * A job's output directory, for reading it back (to build an index, to load it into a search
 * engine) and for the job to append to. It holds three tables of the same format:
 *
 * <ul>
 *   <li>{@code segments/}: one row per window, SPEC's record fields plus {@code source} and the
 *       segment parameters;</li>
 *   <li>{@code failures/}: {@code location}, {@code error} for each input that failed;</li>
 *   <li>{@code empty/}: {@code location} of each input that held no audio (zero windows).</li>
 * </ul>
 *
 * <p>Every input of a finished run is in exactly one of them, with all its rows in one file.
 *
 * <pre>{@code
 * JobOutput output = JobOutput.open(spark, "/data/fingerprints");
 * output.segments().groupBy("embedding_model").count().show();
 * try (SegmentIndex index = SegmentIndex.open(Path.of("/data/index"))) {
 *     for (Iterator<SourceSegments> it = output.sources(); it.hasNext(); ) {
 *         index.add(it.next());                   // one location's records, in time order
 *     }
 * }
 * }</pre>
 */
public final class JobOutput {

    static final String SEGMENTS = "segments";
    static final String FAILURES = "failures";
    static final String EMPTY = "empty";
    /** Rows per partition when sources are streamed to the driver: a few tens of MB at a time. */
    private static final long ROWS_PER_READ_PARTITION = 20_000;

    private final SparkSession spark;
    private final String directory;
    private final OutputFormat format;

    private JobOutput(SparkSession spark, String directory, OutputFormat format) {
        this.spark = spark;
        this.directory = directory;
        this.format = format;
    }

    /**
     * The output of a job in {@code directory} (any Hadoop path), its format found from its files.
     *
     * @throws IllegalArgumentException when the directory holds no job output
     */
    public static JobOutput open(SparkSession spark, String directory) {
        OutputFormat found = formatOf(spark, directory);
        if (found == null) {
            throw new IllegalArgumentException(directory + ": holds no Soundmark job output (no " + SEGMENTS + "/, "
                    + FAILURES + "/ or " + EMPTY + "/ files)");
        }
        return new JobOutput(spark, directory, found);
    }

    /** The output a job appends to in {@code format}; refuses a directory already written in the other format. */
    static JobOutput forJob(SparkSession spark, String directory, OutputFormat format) {
        OutputFormat found = formatOf(spark, directory);
        if (found != null && found != format) {
            throw new IllegalArgumentException(directory + ": already holds " + found.sparkName() + " output; this job writes "
                    + format.sparkName() + ": use the same format to resume, or another output directory");
        }
        return new JobOutput(spark, directory, format);
    }

    public String directory() {
        return directory;
    }

    public OutputFormat format() {
        return format;
    }

    /** The segments table (empty when nothing is written yet). */
    public Dataset<Row> segments() {
        return table(SEGMENTS, SegmentRows.SEGMENTS);
    }

    /** The failures table: {@code location}, {@code error}. */
    public Dataset<Row> failures() {
        return table(FAILURES, SegmentRows.FAILURES);
    }

    /** The locations that held no audio. */
    public Dataset<Row> emptyInputs() {
        return table(EMPTY, SegmentRows.EMPTY_INPUTS);
    }

    /**
     * Every location already done, gathered on the driver. Locations are made unique within each
     * partition first (a location's segment rows sit together in one file) rather than by a shuffle,
     * which would cost hundreds of tiny tasks on a small output.
     */
    Set<String> doneLocations() {
        Set<String> done = new HashSet<>();
        addLocations(done, SEGMENTS, SegmentRows.SEGMENTS, SegmentRows.SOURCE);
        addLocations(done, FAILURES, SegmentRows.FAILURES, SegmentRows.LOCATION);
        addLocations(done, EMPTY, SegmentRows.EMPTY_INPUTS, SegmentRows.LOCATION);
        return done;
    }

    private void addLocations(Set<String> done, String table, StructType schema, String column) {
        if (exists(spark, path(table))) {
            done.addAll(table(table, schema).select(column).as(Encoders.STRING()).javaRDD()
                    .mapPartitions(JobOutput::unique).collect());
        }
    }

    private static Iterator<String> unique(Iterator<String> locations) {
        Set<String> seen = new LinkedHashSet<>();
        locations.forEachRemaining(seen::add);
        return seen.iterator();
    }

    /**
     * The segment records grouped by source (its id and location are the location the job was
     * given), each source's records in time order with their window layout, streamed to the driver a partition at a time (memory is bounded by a partition of some {@value #ROWS_PER_READ_PARTITION}
     * rows, not by the output's size). Sources come in no particular order.
     */
    public Iterator<SourceSegments> sources() {
        Dataset<Row> segments = segments();
        long rows = segments.count();
        int partitions = (int) Math.max(1, Math.min(100_000, (rows + ROWS_PER_READ_PARTITION - 1) / ROWS_PER_READ_PARTITION));
        Iterator<Row> sorted = segments.repartition(partitions, functions.col(SegmentRows.SOURCE))
                .sortWithinPartitions(SegmentRows.SOURCE, SegmentEmbedding.SEGMENT_INDEX)
                .toLocalIterator();
        return new Iterator<>() {
            private Row pending = sorted.hasNext() ? sorted.next() : null;

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public SourceSegments next() {
                if (pending == null) {
                    throw new NoSuchElementException();
                }
                String source = pending.getString(pending.fieldIndex(SegmentRows.SOURCE));
                SegmentParameters parameters = SegmentRows.parameters(pending);
                List<SegmentEmbedding> records = new ArrayList<>();
                while (pending != null && source.equals(pending.getString(pending.fieldIndex(SegmentRows.SOURCE)))) {
                    records.add(SegmentRows.record(pending));
                    pending = sorted.hasNext() ? sorted.next() : null;
                }
                return new SourceSegments(source, source, parameters, records);
            }
        };
    }

    /**
     * Refuses to add to segments made with other parameters: an output must hold comparable vectors.
     *
     * @throws IllegalArgumentException naming the parameters found and those of the job
     */
    void checkParameters(FingerprinterSettings settings) {
        if (!exists(spark, path(SEGMENTS))) {
            return;
        }
        Column[] columns = SegmentRows.PARAMETERS.stream().map(functions::col).toArray(Column[]::new);
        List<Row> found = segments().select(columns).limit(1).collectAsList();
        if (found.isEmpty()) {
            return;
        }
        Row row = found.get(0);
        List<Object> expected = List.of(settings.segmentDurationSec(), settings.segmentHopSec(), settings.sampleRate(),
                settings.normalizeEmbeddings(), settings.maxAudioLengthSec());
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(row.get(i))) {
                throw new IllegalArgumentException(directory + ": already holds segments made with "
                        + SegmentRows.PARAMETERS.get(i) + " = " + row.get(i) + ", this job uses " + expected.get(i)
                        + ": resume with the same parameters, or write to another output directory");
            }
        }
    }

    /**
     * Appends one round's results to the three tables, each table in one Spark write whose files
     * appear whole. Segment rows are gathered into {@code segmentFiles} files by merging whole
     * partitions (a coalesce of the cached results), so every location stays in one file.
     */
    void append(Dataset<Row> results, long segmentRows, long failureRows, long emptyRows, int segmentFiles) {
        if (segmentRows > 0) {
            write(results, SegmentRows.SEGMENT, SegmentRows.SEGMENTS, segmentFiles, SEGMENTS);
        }
        if (failureRows > 0) {
            write(results, SegmentRows.FAILURE, SegmentRows.FAILURES, 1, FAILURES);
        }
        if (emptyRows > 0) {
            write(results, SegmentRows.EMPTY, SegmentRows.EMPTY_INPUTS, 1, EMPTY);
        }
    }

    private void write(Dataset<Row> results, String kind, StructType schema, int files, String table) {
        Column[] columns = Arrays.stream(schema.fieldNames()).map(functions::col).toArray(Column[]::new);
        results.filter(functions.col(SegmentRows.KIND).equalTo(kind)).select(columns).coalesce(files)
                .write()
                .mode(SaveMode.Append)
                .option("maxRecordsPerFile", 0)     // never split a location across files
                .option("ignoreNullFields", false)  // JSON: write "total_duration_sec": null as SPEC does
                .format(format.sparkName())
                .save(path(table));
    }

    private Dataset<Row> table(String table, StructType schema) {
        if (!exists(spark, path(table))) {
            return spark.createDataFrame(List.of(), schema);
        }
        return spark.read().schema(schema).format(format.sparkName()).load(path(table));
    }

    private String path(String table) {
        return new Path(directory, table).toString();
    }

    /** The format of the data files in the output's tables, or null when it has none yet. */
    private static OutputFormat formatOf(SparkSession spark, String directory) {
        for (String table : List.of(SEGMENTS, FAILURES, EMPTY)) {
            Path dir = new Path(directory, table);
            try {
                FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
                if (!fs.exists(dir)) {
                    continue;
                }
                for (FileStatus f : fs.listStatus(dir)) {
                    String name = f.getPath().getName();
                    if (name.startsWith("_") || name.startsWith(".") || !f.isFile()) {
                        continue;
                    }
                    return name.endsWith(".parquet") ? OutputFormat.PARQUET : OutputFormat.JSON;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
            }
        }
        return null;
    }

    private static boolean exists(SparkSession spark, String path) {
        Path p = new Path(path);
        try {
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }
}
