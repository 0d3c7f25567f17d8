package io.soundmark;

/**
 * Base of every exception Soundmark raises for bad input, unreadable media or a failing model.
 * Unchecked, so that streams and callbacks stay pleasant; messages name the input and the cause.
 * Invalid options raise {@link IllegalArgumentException} instead, when the fingerprinter is built.
 */
public class SoundmarkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SoundmarkException(String message) {
        super(message);
    }

    public SoundmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
