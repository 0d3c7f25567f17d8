/**
 * API: Soundmark on Apache Spark. {@link io.soundmark.spark.FingerprintJob} fingerprints a table of
 * media locations with one {@code AudioFingerprinter} per executor JVM and writes Parquet or JSON
 * Lines; {@link io.soundmark.spark.JobOutput} reads the output back. Everything else in the package
 * is package-private plumbing.
 */
package io.soundmark.spark;
