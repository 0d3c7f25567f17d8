package io.soundmark.io;

import java.net.URI;
import java.util.regex.Pattern;

/** How a location appears in messages: without user info, query or fragment, which may hold secrets. */
public final class DisplayUri {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

    private DisplayUri() {
    }

    /** {@code https://user:pw@host/a.wav?sig=…} → {@code https://host/a.wav}. */
    public static String of(URI uri) {
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            return uri.getScheme() + ":" + (uri.isOpaque() ? uri.getRawSchemeSpecificPart() : uri.getRawPath());
        }
        String host = uri.getHost() != null ? uri.getHost() : "";
        String port = uri.getPort() >= 0 ? ":" + uri.getPort() : "";
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + host + port + path;
    }

    /**
     * The same for a location string, which may not be a valid URI: a string without a scheme (a
     * local path) is returned as it is.
     */
    public static String of(String location) {
        if (!hasScheme(location)) {
            return location;
        }
        int query = location.indexOf('?');
        String s = query >= 0 ? location.substring(0, query) : location;
        int schemeEnd = s.indexOf("://");
        int at = s.indexOf('@', Math.max(schemeEnd, 0));
        int slash = schemeEnd >= 0 ? s.indexOf('/', schemeEnd + 3) : -1;
        boolean inAuthority = schemeEnd >= 0 && at > schemeEnd && (slash < 0 || at < slash);
        return inAuthority ? s.substring(0, schemeEnd + 3) + s.substring(at + 1) : s;
    }

    /**
     * Whether a location string starts with a URI scheme of two or more characters ({@code s3:},
     * {@code https:}), as opposed to a local path (a Windows drive letter is one character).
     */
    public static boolean hasScheme(String location) {
        return SCHEME.matcher(location).matches();
    }
}
