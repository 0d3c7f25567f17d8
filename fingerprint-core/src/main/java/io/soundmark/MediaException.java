package io.soundmark;

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
        super(oneLine(input) + ": " + oneLine(cause));
        this.input = oneLine(input);
    }

    public MediaException(String input, String cause, Throwable throwable) {
        super(oneLine(input) + ": " + oneLine(cause), throwable);
        this.input = oneLine(input);
    }

    /** The input as named in the message (a path, or a URL without credentials). */
    public String input() {
        return input;
    }

    private static String oneLine(String text) {
        if (text == null || text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.toString();
    }
}
