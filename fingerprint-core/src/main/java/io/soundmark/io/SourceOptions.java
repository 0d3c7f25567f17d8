package io.soundmark.io;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How remote inputs are fetched: timeouts, a size limit, redirects and the schemes allowed at all.
 *
 * <pre>{@code
 * SourceOptions.defaults().withMaxBytes(500L << 20).withAllowedSchemes(Set.of("https", "s3"));
 * }</pre>
 *
 * @param connectTimeout  time to establish a connection (default 10 s)
 * @param readTimeout     longest wait for a response or for the next bytes of a body (default 30 s)
 * @param maxBytes        largest body accepted, checked against the stated size up front and counted
 *                        while reading (default 2 GiB)
 * @param maxRedirects    HTTP redirects followed, only within http and https and never from https to
 *                        http (default 5)
 * @param allowedSchemes  URI schemes an input may use (default file, http, https, s3)
 */
public record SourceOptions(Duration connectTimeout, Duration readTimeout, long maxBytes, int maxRedirects,
                            Set<String> allowedSchemes) {

    public SourceOptions {
        requirePositive("connect timeout", connectTimeout);
        requirePositive("read timeout", readTimeout);
        if (maxBytes < 1) {
            throw new IllegalArgumentException("max download bytes = " + maxBytes + " is out of range: allowed 1 or more");
        }
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("max redirects = " + maxRedirects + " is out of range: allowed 0 to 20");
        }
        allowedSchemes = Objects.requireNonNull(allowedSchemes, "allowedSchemes").stream()
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** 10 s to connect, 30 s between bytes, 2 GiB, 5 redirects, file/http/https/s3. */
    public static SourceOptions defaults() {
        return new SourceOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), 2L << 30, 5,
                Set.of("file", "http", "https", "s3"));
    }

    public SourceOptions withConnectTimeout(Duration timeout) {
        return new SourceOptions(timeout, readTimeout, maxBytes, maxRedirects, allowedSchemes);
    }

    public SourceOptions withReadTimeout(Duration timeout) {
        return new SourceOptions(connectTimeout, timeout, maxBytes, maxRedirects, allowedSchemes);
    }

    public SourceOptions withMaxBytes(long bytes) {
        return new SourceOptions(connectTimeout, readTimeout, bytes, maxRedirects, allowedSchemes);
    }

    public SourceOptions withMaxRedirects(int redirects) {
        return new SourceOptions(connectTimeout, readTimeout, maxBytes, redirects, allowedSchemes);
    }

    public SourceOptions withAllowedSchemes(Set<String> schemes) {
        return new SourceOptions(connectTimeout, readTimeout, maxBytes, maxRedirects, schemes);
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " = " + d + " is out of range: allowed a positive duration");
        }
    }
}
