package io.soundmark.internal.model;

import ai.djl.engine.Engine;

/**
 * Starts DJL without the network probe of its first start. When DJL's {@link Engine} class first
 * initialises it asks the cloud metadata service whether it runs on EC2 (a "call home"), unless
 * offline mode is on. DJL offers no switch for this but the JVM-wide property {@code ai.djl.offline}
 * (or the environment variables {@code DJL_OFFLINE} / {@code OPT_OUT_TRACKING}), so the property is
 * set for the duration of that initialisation only, and only when the host has not set it; it is
 * then removed again. Engines and their native libraries load afterwards under the host's own
 * settings (so a host that lets DJL download natives still can).
 */
final class DjlStartup {

    static final String OFFLINE = "ai.djl.offline";
    private static boolean started;

    private DjlStartup() {
    }

    /** Initialises DJL's engine registry once, offline unless the host decided otherwise. */
    static synchronized void ensureStarted() {
        if (started) {
            return;
        }
        boolean hostDecides = System.getProperty(OFFLINE) != null || System.getenv("DJL_OFFLINE") != null;
        if (!hostDecides) {
            System.setProperty(OFFLINE, "true");
        }
        try {
            Engine.getAllEngines(); // runs the class initialiser, which does the probe
        } finally {
            if (!hostDecides) {
                System.clearProperty(OFFLINE);
            }
        }
        started = true;
    }
}
