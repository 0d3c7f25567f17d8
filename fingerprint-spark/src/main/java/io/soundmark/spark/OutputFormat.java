package io.soundmark.spark;

/** How the job writes its tables. */
public enum OutputFormat {
    /** Apache Parquet (the default): columnar, compressed, read cheaply by column. */
    PARQUET,
    /** JSON Lines: one object per line with SPEC's names, readable by {@code SegmentEmbedding.fromJson}. */
    JSON;

    /** The Spark data source name. */
    String sparkName() {
        return this == PARQUET ? "parquet" : "json";
    }
}
