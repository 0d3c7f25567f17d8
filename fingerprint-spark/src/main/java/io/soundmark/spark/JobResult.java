package io.soundmark.spark;

/**
 * What one run of a {@link FingerprintJob} did, counted from the rows it wrote.
 *
 * @param locations    distinct locations in the input
 * @param alreadyDone  of those, the ones an earlier run had finished (skipped)
 * @param fingerprinted inputs fingerprinted by this run (at least one window)
 * @param empty        inputs of this run that held no audio
 * @param failed       inputs of this run that failed (one row each in {@code failures/})
 * @param windows      segment rows written by this run
 * @param commits      commits of the output made by this run
 * @param seconds      wall-clock time of the run
 * @param fingerprintingSeconds the part of it spent in the fingerprinting passes; the rest is Spark's
 *                     planning (seconds on a fresh JVM), listing the input and writing the tables
 */
public record JobResult(long locations, long alreadyDone, long fingerprinted, long empty, long failed, long windows,
                        int commits, double seconds, double fingerprintingSeconds) {

    /** Inputs this run processed. */
    public long processed() {
        return fingerprinted + empty + failed;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "%d locations: %d already done, %d fingerprinted (%d windows), %d empty, %d failed; %d commits in %.1f s"
                        + " (%.2f files/s, %.1f windows/s), of which fingerprinting %.1f s (%.1f windows/s)",
                locations, alreadyDone, fingerprinted, windows, empty, failed, commits, seconds,
                processed() / seconds, windows / seconds, fingerprintingSeconds, windows / fingerprintingSeconds);
    }
}
