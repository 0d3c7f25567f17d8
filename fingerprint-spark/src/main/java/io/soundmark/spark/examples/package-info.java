/**
 * Examples: the README's Spark snippets as compiled, tested classes. They live beside the job rather
 * than in {@code fingerprint-examples}, whose command line the job's tests compare against: that
 * module depending on Spark would make a cycle and put Spark on the CLI's build path.
 */
package io.soundmark.spark.examples;
