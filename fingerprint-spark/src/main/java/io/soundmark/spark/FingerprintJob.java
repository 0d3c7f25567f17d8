package io.soundmark.spark;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fingerprints a table of media locations on a Spark cluster and writes the segment records as
 * Parquet or JSON Lines (see {@link JobOutput} for the tables).
 *
 * <pre>{@code
 * JobResult result = FingerprintJob.run(spark, JobOptions.builder()
 *         .input(JobInput.directory("/mnt/archive/spots"))
 *         .output("/mnt/archive/fingerprints")
 *         .model(JobModel.sparkFile("model.pt"))
 *         .build());
 * }</pre>
 *
 * <p>How it runs: the locations not yet in the output are split into commits of
 * {@link JobOptions#locationsPerCommit()}; each commit is one Spark job whose tasks take
 * {@link JobOptions#locationsPerPartition()} locations each and fingerprint them one after the other
 * with the executor's one shared {@code AudioFingerprinter}, so an executor with {@code N} cores runs
 * {@code N} fingerprinting calls at a time. The results are cached, then appended to the tables.
 *
 * <p>Resuming: a location is done when it is in any of the three tables, and a run skips the
 * locations already done, so re-running after a crash or a cancelled run does only what is
 * missing. A location's rows are never split: they all come from one task and go into one file,
 * and Spark's commit makes each file appear whole or not at all.
 */
public final class FingerprintJob {

    private static final Logger LOG = LoggerFactory.getLogger(FingerprintJob.class);

    private FingerprintJob() {
    }

    /**
     * Runs the job to the end. Failing inputs become rows of {@code failures/} and never fail the job;
     * a model that cannot be loaded or run on the executors fails it (Spark's {@code SparkException},
     * naming the model), since it would fail every input the same way.
     *
     * @throws IllegalArgumentException when the options do not fit the output already there (another
     *                                  format, other segment parameters) or the input cannot be listed
     */
    public static JobResult run(SparkSession spark, JobOptions options) {
        long start = System.nanoTime();
        JobOutput output = JobOutput.forJob(spark, options.output(), options.format());
        output.checkParameters(options.settings());
        // The locations and the done set are small beside the work: handled on the driver, sorted so
        // that commits are reproducible, without shuffles that would cost more than they save here.
        Set<String> locations = new TreeSet<>(options.input().locations(spark));
        Set<String> done = output.doneLocations();
        List<String> pending = locations.stream().filter(l -> !done.contains(l)).toList();
        long total = locations.size();
        LOG.info("{} locations, {} already done, {} to fingerprint into {}", total, total - pending.size(),
                pending.size(), options.output());
        JobProgress progress = new JobProgress(spark.sparkContext());
        Map<String, Long> counts = new HashMap<>();
        double fingerprintingSeconds = 0;
        int commits = 0;
        int rounds = (pending.size() + options.locationsPerCommit() - 1) / options.locationsPerCommit();
        for (int from = 0; from < pending.size(); from += options.locationsPerCommit()) {
            List<String> batch = pending.subList(from, Math.min(pending.size(), from + options.locationsPerCommit()));
            spark.sparkContext().setJobDescription(String.format("soundmark: commit %d of %d, %d locations",
                    commits + 1, rounds, batch.size()));
            Commit commit = commit(spark, options, output, batch, progress);
            commit.rows().forEach((k, v) -> counts.merge(k, v, Long::sum));
            fingerprintingSeconds += commit.fingerprintingSeconds();
            commits++;
        }
        spark.sparkContext().setJobDescription(null);
        long failed = counts.getOrDefault(SegmentRows.FAILURE, 0L);
        long empty = counts.getOrDefault(SegmentRows.EMPTY, 0L);
        return new JobResult(total, total - pending.size(), pending.size() - failed - empty, empty, failed,
                counts.getOrDefault(SegmentRows.SEGMENT, 0L), commits, (System.nanoTime() - start) / 1e9,
                fingerprintingSeconds);
    }

    /** What one commit wrote: rows of each kind, and the time its fingerprinting pass took. */
    private record Commit(Map<String, Long> rows, double fingerprintingSeconds) {
    }

    /** Fingerprints one batch of locations and appends it to the output. */
    private static Commit commit(SparkSession spark, JobOptions options, JobOutput output, List<String> batch,
                                 JobProgress progress) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = (batch.size() + options.locationsPerPartition() - 1) / options.locationsPerPartition();
        JavaRDD<Row> rows = context.parallelize(batch, partitions)
                .mapPartitions(new PartitionFingerprinter(options.settings(), options.sourceType(), progress));
        // Cached so that the three tables are written from one fingerprinting pass; the count below
        // fills the cache with the tasks' own partitioning, before the writes merge partitions.
        Dataset<Row> results = spark.createDataFrame(rows, SegmentRows.RESULTS).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            JavaRDD<String> kinds = results.select(SegmentRows.KIND).as(Encoders.STRING()).javaRDD(); // plans the query
            long begin = System.nanoTime();
            Map<String, Long> counts = kinds.mapPartitions(FingerprintJob::countKinds).reduce(FingerprintJob::add);
            double seconds = (System.nanoTime() - begin) / 1e9;
            int files = (batch.size() + options.locationsPerFile() - 1) / options.locationsPerFile();
            output.append(results, counts.getOrDefault(SegmentRows.SEGMENT, 0L),
                    counts.getOrDefault(SegmentRows.FAILURE, 0L), counts.getOrDefault(SegmentRows.EMPTY, 0L),
                    Math.min(files, partitions));
            return new Commit(counts, seconds);
        } finally {
            results.unpersist();
        }
    }

    private static Iterator<Map<String, Long>> countKinds(Iterator<String> kinds) {
        Map<String, Long> counts = new HashMap<>();
        kinds.forEachRemaining(k -> counts.merge(k, 1L, Long::sum));
        return List.of(counts).iterator();
    }

    private static Map<String, Long> add(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new HashMap<>(a);
        b.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return sum;
    }
}
