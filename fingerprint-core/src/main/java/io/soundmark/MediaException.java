package io.soundmark;

import io.soundmark.internal.OneLine;

/**
 * An input could not be opened, read or decoded: missing or unreadable file, corrupt or truncated
 * media, unsupported location. {@link #getMessage()} reads {@code "<input>: <cause>"}, on one
 * line: control characters in either (a line break in a file name, say) appear escaped, so that
 * a name cannot forge further lines of a log or of the command line's output.
 */
public class MediaException extends SoundmarkException {
    private static final long serialVersionUID = 1L;

    private final String input;

    public MediaException(String input, String cause) {
        super(OneLine.of(input) + ": " + OneLine.of(cause));
        this.input = OneLine.of(input);
    }

    public MediaException(String input, String cause, Throwable throwable) {
        super(OneLine.of(input) + ": " + OneLine.of(cause), throwable);
        this.input = OneLine.of(input);
    }

    /** The input as named in the message (a path, or a URL without credentials). */
    public String input() {
        return input;
    }
}
