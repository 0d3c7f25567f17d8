package io.soundmark.index;

import io.soundmark.SoundmarkException;

/**
 * Receives what a detector finds while it scans, from the thread that called
 * {@link SoundmarkDetector#detect}.
 */
public interface DetectionListener {

    /** An occurrence, as soon as it is confirmed; occurrences come in time order. */
    void onDetection(Detection detection);

    /**
     * The input stopped early (a dropped connection, a broken stream) after {@code atSec} seconds
     * of it. When {@code reconnecting}, the detector opens it again and goes on (times continue
     * from {@code atSec}); otherwise {@link SoundmarkDetector#detect} reports what it found before
     * the break and then throws the cause.
     */
    default void onInterruption(SoundmarkException cause, double atSec, boolean reconnecting) {
    }
}
