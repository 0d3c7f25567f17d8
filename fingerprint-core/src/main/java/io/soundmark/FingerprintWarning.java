package io.soundmark;

import java.util.Objects;

/**
 * Something the caller should know about an input that still gave records (or none, without an
 * error): a decode that stopped early on corruption, or an input with no audio samples.
 * {@link #toString()} reads {@code "<input>: <message>"}, like an exception's message.
 *
 * <pre>{@code
 * AudioFingerprinter.builder().onWarning(w -> System.err.println("warning: " + w)) ...
 * }</pre>
 *
 * @param input   the input as named in messages
 * @param message what happened, e.g. {@code "decoding stopped at 1.9 s of 6.0 s: invalid frame header"}
 */
public record FingerprintWarning(String input, String message) {

    public FingerprintWarning {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return input + ": " + message;
    }
}
