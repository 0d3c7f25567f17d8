package io.soundmark.spark;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The job's progress as named accumulators, shown on each stage's page of the Spark UI while it
 * runs: inputs done, windows fingerprinted, inputs failed. Spark counts a retried or recomputed
 * task twice, so these are for watching; the job's result counts the rows written instead.
 */
final class JobProgress implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LongAccumulator files;
    private final LongAccumulator windows;
    private final LongAccumulator failures;

    JobProgress(SparkContext spark) {
        this.files = spark.longAccumulator("soundmark files");
        this.windows = spark.longAccumulator("soundmark windows");
        this.failures = spark.longAccumulator("soundmark failures");
    }

    void done(int windowCount) {
        files.add(1);
        windows.add(windowCount);
    }

    void failed() {
        files.add(1);
        failures.add(1);
    }

    long files() {
        return files.value();
    }

    long windows() {
        return windows.value();
    }

    long failures() {
        return failures.value();
    }
}
