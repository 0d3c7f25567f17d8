package io.soundmark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** How commands report a failure: one line on stderr (plus the stack trace when verbose), status 1. */
final class Failures {

    private Failures() {
    }

    static int report(PrintWriter err, Exception e, boolean verbose) {
        String message = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            message = "cannot write output: " + message;
        }
        err.println("error: " + oneLine(message));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    static String oneLine(String message) {
        return message == null ? "unknown error" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
