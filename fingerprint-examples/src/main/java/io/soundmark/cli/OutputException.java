package io.soundmark.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Writing the command's output failed: {@code error: cannot write TARGET: CAUSE}, exit status 1. */
final class OutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputException(String target, IOException cause) {
        super("cannot write " + target + ": " + describe(cause), cause);
    }

    /** The cause in words; file system exceptions carry a path (maybe a temporary file's) rather than a reason. */
    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
