package io.soundmark.spark.examples;

import io.soundmark.index.SourceSegments;
import io.soundmark.spark.FingerprintJob;
import io.soundmark.spark.JobInput;
import io.soundmark.spark.JobModel;
import io.soundmark.spark.JobOptions;
import io.soundmark.spark.JobOutput;
import io.soundmark.spark.JobResult;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/** The README's Spark examples: fingerprint a directory of media on Spark, then read the records back by source. */
public final class FingerprintArchive {

    private FingerprintArchive() {
    }

    /** Fingerprints every file under {@code media} into {@code output} (Parquet); a second call resumes. */
    public static JobResult fingerprint(SparkSession spark, String media, String output) {
        JobOptions options = JobOptions.builder()
                .input(JobInput.directory(media))   // or JobInput.textFile(...), JobInput.table(...)
                .output(output)
                .model(JobModel.demo())             // or JobModel.url(URI.create("https://…/model.pt"), sha256)
                .segmentDurationSec(5.0)
                .segmentHopSec(2.5)
                .build();
        return FingerprintJob.run(spark, options);
    }

    /** Reads a job's output back as records, one source at a time, and counts each source's windows. */
    public static Map<String, Integer> windowsBySource(SparkSession spark, String output) {
        Map<String, Integer> windows = new TreeMap<>();
        for (Iterator<SourceSegments> it = JobOutput.open(spark, output).sources(); it.hasNext(); ) {
            SourceSegments source = it.next();      // its SegmentEmbedding records, in time order
            windows.put(source.sourceId(), source.segments().size());
        }
        return windows;
    }
}
