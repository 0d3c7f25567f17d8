package io.soundmark.internal;

/**
 * Text from an input (a file name, a header or manifest field) made safe for a one-line message:
 * control characters appear escaped, so that the text cannot forge further lines of a log or of
 * the command line's output.
 */
public final class OneLine {

    private OneLine() {
    }

    /** {@code text} with line breaks, tabs and other control characters escaped as Java writes them ({@code \n}). */
    public static String of(String text) {
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
