package io.soundmark.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What the benchmark reads about its own process: resident memory, the Java heap, and the CPU time of the pipeline's front end. */
final class ProcessStats {

    private static final String FRONT_END_THREAD_PREFIX = "soundmark-front-end-"; // as AudioFingerprinter names them

    private ProcessStats() {
    }

    /** Peak resident set size (VmHWM), in KiB; 0 where /proc is not available. */
    static long peakRssKb() {
        return statusKb("VmHWM:");
    }

    /** Resident set size now (VmRSS), in KiB; 0 where /proc is not available. */
    static long rssKb() {
        return statusKb("VmRSS:");
    }

    /** Java heap committed now, in KiB. */
    static long heapCommittedKb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1024;
    }

    /** CPU time so far of each live front-end thread of the pipeline, by thread id. */
    static Map<Long, Long> frontEndCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(FRONT_END_THREAD_PREFIX)) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    /** CPU time the front-end threads used since {@code before} was taken (threads started since count whole). */
    static long frontEndCpuNanosSince(Map<Long, Long> before) {
        long cpu = 0;
        for (var e : frontEndCpuNanos().entrySet()) {
            cpu += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return cpu;
    }

    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
