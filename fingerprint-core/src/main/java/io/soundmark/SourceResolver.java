package io.soundmark;

import io.soundmark.io.FileMediaSource;
import io.soundmark.io.MediaSource;
import io.soundmark.io.MediaSourceProvider;
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

    SourceResolver(ClassLoader loader) {
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
            throw new MediaException(redact(location), "not a valid URI (" + e.getReason() + ")");
        }
        String name = redact(uri);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        MediaSourceProvider provider = providers.get(scheme);
        if (provider == null) {
            throw new UnsupportedMediaException(name, "no installed media source reads \"" + scheme
                    + ":\" locations (installed: " + String.join(", ", new TreeSet<>(providers.keySet())) + ")");
        }
        try {
            return provider.open(uri);
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

    static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The URI without user info, query or fragment, which may hold secrets. */
    static String redact(URI uri) {
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            return uri.getScheme() + ":" + (uri.isOpaque() ? uri.getRawSchemeSpecificPart() : uri.getRawPath());
        }
        String host = uri.getHost() != null ? uri.getHost() : "";
        String port = uri.getPort() >= 0 ? ":" + uri.getPort() : "";
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + host + port + path;
    }

    private static String redact(String location) {
        int at = location.indexOf('@');
        int query = location.indexOf('?');
        String s = query >= 0 ? location.substring(0, query) : location;
        int schemeEnd = s.indexOf("://");
        return at > schemeEnd && schemeEnd >= 0 && at < s.length()
                ? s.substring(0, schemeEnd + 3) + s.substring(at + 1) : s;
    }
}
