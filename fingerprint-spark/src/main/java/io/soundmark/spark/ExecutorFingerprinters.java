package io.soundmark.spark;

import io.soundmark.AudioFingerprinter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link AudioFingerprinter} of this JVM per job settings: built lazily by the first task
 * that needs it, then shared by every task the executor runs at the same time and by later jobs
 * (so the model loads once per executor, not once per task), and closed when the JVM exits.
 */
final class ExecutorFingerprinters {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorFingerprinters.class);
    private static final Map<FingerprinterSettings, AudioFingerprinter> SHARED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorFingerprinters::closeAll, "soundmark-close-models"));
    }

    private ExecutorFingerprinters() {
    }

    /** This JVM's fingerprinter for {@code settings}, built on first use. */
    static AudioFingerprinter get(FingerprinterSettings settings) {
        return SHARED.computeIfAbsent(settings, s -> {
            if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
                LOG.warn("ai.djl.pytorch.num_threads is not set: each concurrent task's inference uses one libtorch "
                        + "thread per core, oversubscribing the executor; set spark.executor.extraJavaOptions="
                        + "-Dai.djl.pytorch.num_threads=1 (see the README's Spark section)");
            }
            LOG.info("building the fingerprinter of this executor: model {}", s.model());
            return s.build();
        });
    }

    private static void closeAll() {
        SHARED.values().forEach(AudioFingerprinter::close);
        SHARED.clear();
    }
}
