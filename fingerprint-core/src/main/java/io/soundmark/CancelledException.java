package io.soundmark;

/**
 * A call stopped before its end because it was cancelled: the {@link AudioFingerprinter} was
 * closed while it ran, its thread was interrupted, or a {@link ParallelFingerprinter} was
 * cancelled. Its message reads {@code "<input>: cancelled: <why>"}.
 */
public class CancelledException extends SoundmarkException {
    private static final long serialVersionUID = 1L;

    public CancelledException(String input, String why) {
        super(input + ": cancelled: " + why);
    }
}
