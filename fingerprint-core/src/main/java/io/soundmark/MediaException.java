package io.soundmark;

/**
 * An input could not be opened, read or decoded: missing or unreadable file, corrupt or truncated
 * media, unsupported location. {@link #getMessage()} reads {@code "<input>: <cause>"}.
 */
public class MediaException extends SoundmarkException {
    private static final long serialVersionUID = 1L;

    private final String input;

    public MediaException(String input, String cause) {
        super(input + ": " + cause);
        this.input = input;
    }

    public MediaException(String input, String cause, Throwable throwable) {
        super(input + ": " + cause, throwable);
        this.input = input;
    }

    /** The input as named in the message (a path, or a URL without credentials). */
    public String input() {
        return input;
    }
}
