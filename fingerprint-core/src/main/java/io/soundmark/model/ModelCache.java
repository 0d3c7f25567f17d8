package io.soundmark.model;

import io.soundmark.internal.Settings;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where downloaded models are kept, and whether downloading is allowed at all.
 *
 * <p>{@link #defaults()} reads the system property {@code soundmark.cache.dir}, then the
 * environment variable {@code SOUNDMARK_CACHE_DIR}, then {@code $XDG_CACHE_HOME/soundmark} or
 * {@code ~/.cache/soundmark}; and offline mode from {@code soundmark.offline} /
 * {@code SOUNDMARK_OFFLINE} ({@code true} or {@code 1}).
 *
 * @param directory root of the cache; each model URL gets a sub-directory of its own
 * @param offline   when true, a model that is not cached fails instead of being downloaded
 */
public record ModelCache(Path directory, boolean offline) {

    /** The configured cache (see the class comment). */
    public static ModelCache defaults() {
        return new ModelCache(defaultDirectory(), isOffline());
    }

    /** A cache in {@code directory}, online. */
    public static ModelCache at(Path directory) {
        return new ModelCache(directory, false);
    }

    /** The same cache with downloads forbidden (or allowed). */
    public ModelCache withOffline(boolean forbidDownloads) {
        return new ModelCache(directory, forbidDownloads);
    }

    private static Path defaultDirectory() {
        String dir = Settings.read("soundmark.cache.dir", "SOUNDMARK_CACHE_DIR");
        if (dir != null) {
            return Path.of(dir);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("soundmark");
    }

    private static boolean isOffline() {
        String v = Settings.read("soundmark.offline", "SOUNDMARK_OFFLINE");
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.toLowerCase(Locale.ROOT).equals("yes"));
    }
}
