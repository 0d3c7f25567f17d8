package io.soundmark.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Counts of outcomes per kind, the slowest failure and the bad outcomes, printed after a run. */
public final class Tally {

    private final String title;
    private final Map<String, Integer> kinds = new TreeMap<>();
    private final List<String> bad = new ArrayList<>();
    private double slowestFailure;
    private String slowestFailureName = "";
    private double slowest;
    private String slowestName = "";
    private long startNanos = System.nanoTime();

    public Tally(String title) {
        this.title = title;
    }

    public synchronized void add(HostileCase c, Outcome o, List<String> problems) {
        kinds.merge(o.kind(), 1, Integer::sum);
        if (o.failed() && o.seconds() > slowestFailure) {
            slowestFailure = o.seconds();
            slowestFailureName = c.name();
        }
        if (o.seconds() > slowest) {
            slowest = o.seconds();
            slowestName = c.name();
        }
        if (!problems.isEmpty()) {
            bad.add(c.name() + ": " + String.join("; ", problems));
        }
    }

    /** The report: cases, counts per kind, slowest times, wall time, bad outcomes. */
    public synchronized String report() {
        int cases = kinds.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: %d cases, %d bad, %.1f s in all%n", title, cases,
                bad.size(), (System.nanoTime() - startNanos) / 1e9));
        kinds.forEach((k, n) -> s.append(String.format(Locale.ROOT, "  %-34s %4d%n", k, n)));
        s.append(String.format(Locale.ROOT, "  slowest failure %.3f s (%s), slowest case %.3f s (%s)%n", slowestFailure,
                slowestFailureName, slowest, slowestName));
        bad.forEach(b -> s.append("  BAD ").append(b).append('\n'));
        return s.toString();
    }
}
