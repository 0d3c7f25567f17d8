package io.soundmark.hostile;

import io.soundmark.SegmentEmbedding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one input gave: its records and warnings, or the failure; and how long it took. Checks
 * itself against its case's expectations (the rules every outcome obeys, then those of the class
 * it fell in).
 *
 * @param records      the records (none on failure)
 * @param warnings     the warnings' messages, without the input's name
 * @param errorClass   the exception's simple class name, or null when unknown (the CLI) or none
 * @param errorMessage the failure's one-line message, or null when it succeeded
 * @param seconds      the time the input took
 */
public record Outcome(List<SegmentEmbedding> records, List<String> warnings, String errorClass, String errorMessage,
                      double seconds) {

    /** The longest a case may take, failure or not. */
    public static final double LIMIT_SEC = 2.0;

    private static final double HOP = 2.5;
    private static final double DURATION = 5.0;
    private static final Pattern STOPPED = Pattern.compile("^decoding stopped at (\\d+\\.\\d) s");
    /** "null" as a word, or an exception's class name: messages say what is wrong instead. */
    private static final Pattern SAYS_NOTHING = Pattern.compile("\\bnull\\b|\\b[A-Z]\\w*(Exception|Error)\\b");

    public boolean failed() {
        return errorMessage != null;
    }

    /** records, records+warning, empty+warning, empty (never right), or error:CLASS. */
    public String kind() {
        if (failed()) {
            return "error:" + (errorClass == null ? "MediaException" : errorClass);
        }
        if (records.isEmpty()) {
            return warnings.isEmpty() ? "empty" : "empty+warning";
        }
        return warnings.isEmpty() ? "records" : "records+warning";
    }

    /**
     * What is wrong with this outcome for {@code c} given as {@code input}; empty when it is right.
     * Without the exception's class (the CLI), any error is taken for a {@code MediaException}.
     */
    public List<String> problems(HostileCase c, String input) {
        List<String> problems = new ArrayList<>();
        if (seconds > LIMIT_SEC) {
            problems.add(String.format(Locale.ROOT, "took %.2f s (more than %.1f s)", seconds, LIMIT_SEC));
        }
        if (failed()) {
            checkMessage(errorMessage, input, problems);
        }
        for (String w : warnings) {
            if (SAYS_NOTHING.matcher(w).find() || w.contains("\n")) {
                problems.add("the warning says nothing: " + w);
            }
        }
        checkRecords(problems);
        String expected = String.join("|", c.expects());
        String kind = kind();
        String matched = null;
        for (String e : c.expects()) {
            boolean any = e.equals("any") && !kind.equals("empty");
            boolean error = e.startsWith("error:") && failed() && (errorClass == null || e.equals(kind));
            if (any || error || e.equals(kind)) {
                matched = e;
                break;
            }
        }
        if (matched == null) {
            problems.add("expected " + expected + ", got " + describe());
            return problems;
        }
        if (matched.equals("any")) {
            return problems;
        }
        String cause = c.details().get("cause");
        if (matched.startsWith("error:") && cause != null && !errorMessage.contains(cause)) {
            problems.add("the message does not name the cause \"" + cause + "\": " + errorMessage);
        }
        double total = records.isEmpty() ? Double.NaN : records.get(0).totalDurationSec();
        if (matched.equals("records") && c.details().containsKey("total")) {
            double want = Double.parseDouble(c.details().get("total"));
            double tol = Double.parseDouble(c.details().getOrDefault("tol", "0.001"));
            if (!(Math.abs(total - want) <= tol)) {
                problems.add(String.format(Locale.ROOT, "total_duration_sec %.4f, expected %.4f ± %.4f", total, want, tol));
            }
        }
        if (matched.equals("records+warning")) {
            checkStop(c, total, problems);
        }
        if (matched.equals("empty+warning") && !warnings.equals(List.of("the input holds no audio samples"))) {
            problems.add("expected the warning \"the input holds no audio samples\", got " + warnings);
        }
        return problems;
    }

    private void checkStop(HostileCase c, double total, List<String> problems) {
        if (warnings.size() != 1) {
            problems.add("expected one warning, got " + warnings);
            return;
        }
        Matcher m = STOPPED.matcher(warnings.get(0));
        if (!m.find()) {
            problems.add("the warning does not say where decoding stopped: " + warnings.get(0));
            return;
        }
        double stoppedAt = Double.parseDouble(m.group(1));
        if (Math.abs(stoppedAt - total) > 0.051) {
            problems.add(String.format(Locale.ROOT, "stopped at %.1f s but total_duration_sec is %.4f", stoppedAt, total));
        }
        String range = c.details().get("stop");
        if (range != null) {
            double lo = Double.parseDouble(range.substring(0, range.indexOf("..")));
            double hi = Double.parseDouble(range.substring(range.indexOf("..") + 2));
            if (total < lo || total > hi) {
                problems.add(String.format(Locale.ROOT, "stopped at %.4f s, expected %s", total, range));
            }
        }
    }

    private static void checkMessage(String message, String input, List<String> problems) {
        if (!message.startsWith(input + ": ")) {
            problems.add("the message does not start with the input's name: " + message);
        }
        if (message.contains("\n")) {
            problems.add("the message is not one line: " + message);
        }
        String cause = message.startsWith(input + ": ") ? message.substring(input.length() + 2) : message;
        if (cause.isBlank() || SAYS_NOTHING.matcher(cause).find()) {
            problems.add("the message does not say what is wrong: " + message);
        }
    }

    /** Windows as SPEC cuts them for the duration the records state, with finite unit vectors. */
    private void checkRecords(List<String> problems) {
        if (records.isEmpty()) {
            return;
        }
        Double total = records.get(0).totalDurationSec();
        if (total == null || !(total > 0)) {
            problems.add("total_duration_sec is " + total);
            return;
        }
        double length = Math.min(total, 120.0);
        int expected = 0;
        for (int i = 0; ; i++) {
            double start = i * HOP;
            if (start >= length) {
                break;
            }
            expected++;
            double end = Math.min(start + DURATION, length);
            if (i < records.size()) {
                SegmentEmbedding r = records.get(i);
                if (r.segmentIndex() != i || Math.abs(r.startTimeSec() - start) > 1e-6 || Math.abs(r.endTimeSec() - end) > 1e-4
                        || !total.equals(r.totalDurationSec())) {
                    problems.add(String.format(Locale.ROOT, "window %d is %d [%.4f, %.4f] of %s, expected [%.4f, %.4f] of %.4f",
                            i, r.segmentIndex(), r.startTimeSec(), r.endTimeSec(), r.totalDurationSec(), start, end, total));
                }
            }
            if (end >= length) {
                break;
            }
        }
        if (records.size() != expected) {
            problems.add("expected " + expected + " windows for " + total + " s, got " + records.size());
        }
        for (SegmentEmbedding r : records) {
            double norm = 0;
            for (float v : r.embedding()) {
                if (!Float.isFinite(v)) {
                    problems.add("window " + r.segmentIndex() + " has a non-finite value");
                    return;
                }
                norm += (double) v * v;
            }
            if (Math.abs(Math.sqrt(norm) - 1) > 1e-3) {
                problems.add("window " + r.segmentIndex() + " is not unit length: " + Math.sqrt(norm));
            }
        }
    }

    /** One line for reports. */
    public String describe() {
        if (failed()) {
            return kind() + " \"" + errorMessage + "\"";
        }
        String total = records.isEmpty() ? "" : String.format(Locale.ROOT, " (%d, total %.4f s)", records.size(),
                records.get(0).totalDurationSec());
        return kind() + total + (warnings.isEmpty() ? "" : " " + warnings);
    }
}
