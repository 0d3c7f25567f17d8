package io.soundmark;

import io.soundmark.io.DisplayUri;
import io.soundmark.io.FileMediaSource;
import io.soundmark.io.MediaSource;
import io.soundmark.io.MediaSourceProvider;
import io.soundmark.io.SourceOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns input locations into {@link MediaSource}s with the installed {@link MediaSourceProvider}s. */
final class SourceResolver {

    private static final Logger LOG = LoggerFactory.getLogger(SourceResolver.class);
    /** A URI scheme of two or more characters, so that Windows drive letters stay paths. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

    private final Map<String, MediaSourceProvider> providers = new HashMap<>();
    private final SourceOptions options;

    SourceResolver(ClassLoader loader, SourceOptions options) {
        this.options = options;
        try {
            for (MediaSourceProvider p : ServiceLoader.load(MediaSourceProvider.class, loader)) {
                for (String scheme : p.schemes()) {
                    providers.putIfAbsent(scheme.toLowerCase(Locale.ROOT), p);
                }
            }
        } catch (ServiceConfigurationError e) {
            LOG.warn("a media source provider could not be loaded: {}", e.getMessage());
        }
    }

    /** Resolves a path or URI string; failures name the input (without credentials) and the cause. */
    MediaSource resolve(String location) {
        if (!SCHEME.matcher(location).matches()) {
            try {
                return resolve(Path.of(location), location);
            } catch (InvalidPathException e) {
                throw new MediaException(location, "not a valid path (" + e.getReason() + ")");
            }
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw new MediaException(DisplayUri.of(location), "not a valid URI (" + e.getReason() + ")");
        }
        String name = DisplayUri.of(uri);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!options.allowedSchemes().contains(scheme)) {
            throw new MediaException(name, "the scheme \"" + scheme + ":\" is not allowed (allowed: "
                    + String.join(", ", new TreeSet<>(options.allowedSchemes())) + ")");
        }
        MediaSourceProvider provider = providers.get(scheme);
        if (provider == null) {
            throw new UnsupportedMediaException(name, "no installed media source reads \"" + scheme
                    + ":\" locations (installed: " + String.join(", ", new TreeSet<>(providers.keySet())) + ")");
        }
        try {
            return provider.open(uri, options);
        } catch (IOException e) {
            throw new MediaException(name, describe(e), e);
        }
    }

    MediaSource resolve(Path path, String name) {
        try {
            return FileMediaSource.open(path, name);
        } catch (IOException e) {
            throw new MediaException(name, describe(e), e);
        }
    }

    static String describe(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
