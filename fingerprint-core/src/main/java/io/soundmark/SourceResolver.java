package io.soundmark;

import io.soundmark.internal.ServiceProviders;
import io.soundmark.internal.source.FileMediaSource;
import io.soundmark.io.DisplayUri;
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
import java.util.TreeSet;

/**
 * Turns input locations into {@link MediaSource}s with the installed {@link MediaSourceProvider}s.
 * The {@link SourceOptions} apply to every form of location: a plain path or a {@link Path} is a
 * {@code file:} location as far as the allowed schemes and the size limit go.
 */
final class SourceResolver {

    private final Map<String, MediaSourceProvider> providers = new HashMap<>();
    private final SourceOptions options;

    SourceResolver(ClassLoader loader, SourceOptions options) {
        this.options = options;
        for (MediaSourceProvider p : ServiceProviders.load(MediaSourceProvider.class, loader)) {
            for (String scheme : p.schemes()) {
                providers.putIfAbsent(scheme.toLowerCase(Locale.ROOT), p);
            }
        }
    }

    /** Resolves a path or URI string; failures name the input (without credentials) and the cause. */
    MediaSource resolve(String location) {
        if (!DisplayUri.hasScheme(location)) {
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
        checkAllowed(name, scheme);
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

    /** Resolves a local file, which must be allowed as a {@code file:} location. */
    MediaSource resolve(Path path, String name) {
        checkAllowed(name, "file");
        try {
            return FileMediaSource.open(path, name, options);
        } catch (IOException e) {
            throw new MediaException(name, describe(e), e);
        }
    }

    private void checkAllowed(String name, String scheme) {
        if (!options.allowedSchemes().contains(scheme)) {
            String what = scheme.equals("file") ? "local files are" : "the scheme \"" + scheme + ":\" is";
            throw new MediaException(name, what + " not allowed (allowed schemes: "
                    + String.join(", ", new TreeSet<>(options.allowedSchemes())) + ")");
        }
    }

    /** An exception's message, or its type when it has none: never "null" in a message. */
    static String describe(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
