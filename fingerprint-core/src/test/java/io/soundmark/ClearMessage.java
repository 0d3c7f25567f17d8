package io.soundmark;

import java.util.regex.Pattern;

/**
 * What an error about hostile input must say: one line that names the cause, never a bare
 * {@code null} or a bare exception type, and for a {@link MediaException} the input first. The
 * fuzz tests hold every exception they allow to it.
 */
public final class ClearMessage {

    /** A missing message pasted in: "(null)", ": null", or nothing but "null" (JSON's null quoted in a value is fine). */
    private static final Pattern NULL_WORD = Pattern.compile("(^|: |\\()null(\\)|:|$)");
    /** "cannot decode: EOFException" names a type, not a cause. */
    private static final Pattern BARE_TYPE = Pattern.compile("(^|: )[\\w.$]*(Exception|Error)$");

    private ClearMessage() {
    }

    /**
     * @param e     the exception the code under test threw
     * @param input the input as text (bytes as ISO-8859-1), so that a {@code null} quoted from the
     *              input is not taken for a missing message
     * @throws AssertionError when the message is missing, spans lines, says a bare {@code null} or
     *                        names only an exception type
     */
    public static void check(Throwable e, String input) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            throw unclear(e, "no message");
        }
        if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
            throw unclear(e, "more than one line");
        }
        if (NULL_WORD.matcher(message).find() && !input.contains("null")) {
            throw unclear(e, "says null where a cause should be");
        }
        if (BARE_TYPE.matcher(message).find()) {
            throw unclear(e, "names an exception type instead of a cause");
        }
        if (e instanceof MediaException m && !message.startsWith(m.input() + ": ")) {
            throw unclear(e, "does not start with the input");
        }
    }

    private static AssertionError unclear(Throwable e, String why) {
        return new AssertionError("unclear " + e.getClass().getSimpleName() + " message (" + why + "): "
                + e.getMessage(), e);
    }
}
