package io.soundmark.cli;

import io.soundmark.SoundmarkException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * How the command line reports a failure, in one place: one line on stderr (and the stack trace
 * with {@code --verbose}), exit status 2 for a usage error, 1 for an input, model or output failure.
 */
final class Failures {

    static final int USAGE = 2;
    static final int FAILED = 1;

    /** The library's option names (SPEC names) and the flags that set them. */
    private static final Map<String, String> FLAGS = Map.of(
            "segment_duration_sec", "--segment-duration",
            "segment_hop_sec", "--segment-hop",
            "sample_rate", "--sample-rate",
            "max_audio_length_sec", "--max-length",
            "batch_size", "--batch-size",
            "device", "--device",
            "decoder", "--decoder",
            "parallelism", "--parallel",
            "max download bytes", "--max-download-bytes");

    private Failures() {
    }

    /** Exit status and message for an exception thrown while a command ran. */
    static int report(PrintWriter err, Throwable e, boolean verbose) {
        int status;
        String message;
        if (e instanceof CommandLine.MaxValuesExceededException) { // picocli's text names its internal groups
            status = USAGE;
            message = "this command takes one input: give --audio or --video once (see --help)";
        } else if (e instanceof UsageException || e instanceof CommandLine.ParameterException) {
            status = USAGE;
            message = withoutPrefix(e.getMessage()) + " (see --help)";
        } else if (e instanceof IllegalArgumentException && !(e instanceof SoundmarkException)) {
            status = USAGE; // an option out of range, as the library's builder reports it
            message = withFlagNames(e.getMessage()) + " (see --help)";
        } else {
            status = FAILED;
            message = e.getMessage();
        }
        err.println("error: " + oneLine(message));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    /** {@code segment_hop_sec = 0.1 is out of range ...} → {@code --segment-hop 0.1 is out of range ...}. */
    static String withFlagNames(String message) {
        String m = message == null ? "" : message;
        for (Map.Entry<String, String> e : FLAGS.entrySet()) {
            if (m.startsWith(e.getKey() + " = ")) {
                return e.getValue() + " " + m.substring(e.getKey().length() + 3);
            }
        }
        return m;
    }

    /** picocli's messages start with "Error: "; ours add "error: " once. */
    private static String withoutPrefix(String message) {
        return message == null ? "" : message.replaceFirst("^(?i)error:\\s*", "");
    }

    static String oneLine(String message) {
        return message == null ? "unknown error" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
