package io.soundmark.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Standard output as a writer whose failures are seen: {@link System#out} swallows them, so a
 * closed pipe ({@code soundmark embed ... | head}) would let a run go on to the end unnoticed.
 */
final class StandardOutput {

    static final String NAME = "standard output";

    private StandardOutput() {
    }

    /** A writer on the process's standard output; do not close it before the command ends. */
    static Writer writer() {
        return new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
                1 << 16);
    }
}
