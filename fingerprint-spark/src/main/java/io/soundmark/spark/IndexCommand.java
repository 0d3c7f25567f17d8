package io.soundmark.spark;

import io.soundmark.index.IndexException;
import io.soundmark.index.Quantization;
import io.soundmark.index.SegmentIndex;
import io.soundmark.index.SourceSegments;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Builds a {@code fingerprint-index} index on the driver from a job's output:
 * {@code spark-submit --class io.soundmark.spark.IndexCommand soundmark-spark.jar --from /data/out --index /data/index}.
 *
 * <p>Each location becomes a source of the index under its location. Sources are committed in
 * batches, so a run that stops keeps every batch before; running it again skips the sources the
 * index already holds. Prints a summary line on stdout; exits 0 when the index is built, 1 when it
 * could not be, 2 on a usage error.
 */
@Command(name = "soundmark-spark-index", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Build a Soundmark segment index (fingerprint-index) from a job's output, on the driver.",
                "Running it again adds only the locations the index does not hold yet."})
public final class IndexCommand implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "DIR", required = true,
            description = "A job's output directory (any Hadoop path; Parquet or JSON Lines).")
    String from;

    @Option(names = "--index", paramLabel = "DIR", required = true,
            description = "The index directory on the driver's local file system (created when missing).")
    Path index;

    @Option(names = "--quantization", paramLabel = "Q", defaultValue = "none",
            description = "For a new index: none (float vectors) or int8 (quantised graph, re-scored exactly); default ${DEFAULT-VALUE}.")
    String quantization;

    @Option(names = "--sources-per-commit", paramLabel = "N", defaultValue = "1000",
            description = "Sources between commits: what a crash can cost (default ${DEFAULT-VALUE}).")
    int sourcesPerCommit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return CommandLines.execute(new IndexCommand(), args);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Quantization q;
        try {
            q = quantization();
            if (sourcesPerCommit < 1) {
                throw new IllegalArgumentException("--sources-per-commit " + sourcesPerCommit + " is not valid: at least 1");
            }
        } catch (IllegalArgumentException e) {
            return CommandLines.error(err, e.getMessage(), CommandLines.USAGE);
        }
        SparkSession spark = SparkSession.builder().appName("soundmark index " + from).getOrCreate();
        try (SegmentIndex target = SegmentIndex.builder(index).quantization(q).build()) {
            Summary summary = addAll(JobOutput.open(spark, from), target, sourcesPerCommit);
            PrintWriter out = spec.commandLine().getOut();
            out.println(summary + " into " + index);
            out.flush();
            return 0;
        } catch (IllegalArgumentException | IndexException e) {
            return CommandLines.error(err, e.getMessage(), CommandLines.FAILED);
        } finally {
            spark.stop();
        }
    }

    private Quantization quantization() {
        return switch (quantization.toLowerCase(Locale.ROOT)) {
            case "none" -> Quantization.NONE;
            case "int8" -> Quantization.INT8;
            default -> throw new IllegalArgumentException("--quantization " + quantization + " is not valid: allowed none or int8");
        };
    }

    /** What a run added: sources and segments, and the sources the index already held. */
    record Summary(long added, long segments, long skipped) {
        @Override
        public String toString() {
            return "indexed " + added + " source(s), " + segments + " segment(s); " + skipped + " already indexed";
        }
    }

    /**
     * Adds every source of {@code output} that {@code index} does not hold yet, committing every
     * {@code perCommit} sources.
     *
     * @throws IndexException when the output's records are of another model or window layout than the index's
     */
    static Summary addAll(JobOutput output, SegmentIndex index, int perCommit) {
        long added = 0;
        long segments = 0;
        long skipped = 0;
        List<SourceSegments> batch = new ArrayList<>();
        for (Iterator<SourceSegments> it = output.sources(); it.hasNext(); ) {
            SourceSegments source = it.next();
            if (index.source(source.sourceId()).isPresent()) {
                skipped++;
                continue;
            }
            batch.add(source);
            added++;
            segments += source.segments().size();
            if (batch.size() == perCommit) {
                index.addAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            index.addAll(batch);
        }
        return new Summary(added, segments, skipped);
    }
}
