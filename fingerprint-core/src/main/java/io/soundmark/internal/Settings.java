package io.soundmark.internal;

/**
 * Defaults that a host configures from outside the code: a system property, else an environment
 * variable. Library code only reads them (never sets a property); every such setting also has a
 * builder or factory method that takes precedence.
 */
public final class Settings {

    private Settings() {
    }

    /** The system property {@code property}, else the environment variable {@code env}; null when neither is set. */
    public static String read(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v;
    }
}
