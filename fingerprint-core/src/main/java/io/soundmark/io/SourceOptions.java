package io.soundmark.io;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * @param allowedSchemes  URI schemes an input may use (default file, http, https, s3); {@code file}
 *                        covers local paths and {@code Path} inputs too
 * @param providerSettings settings of individual media source providers, by key (e.g.
 *                        {@code s3.endpoint}); see each provider's documentation (default none)
 */
public record SourceOptions(Duration connectTimeout, Duration readTimeout, long maxBytes, int maxRedirects,
                            Set<String> allowedSchemes, Map<String, String> providerSettings) {

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
        providerSettings = Map.copyOf(Objects.requireNonNull(providerSettings, "providerSettings"));
    }

    /** 10 s to connect, 30 s between bytes, 2 GiB, 5 redirects, file/http/https/s3. */
    public static SourceOptions defaults() {
        return new SourceOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), 2L << 30, 5,
                Set.of("file", "http", "https", "s3"), Map.of());
    }

    public SourceOptions withConnectTimeout(Duration timeout) {
        return new SourceOptions(timeout, readTimeout, maxBytes, maxRedirects, allowedSchemes, providerSettings);
    }

    public SourceOptions withReadTimeout(Duration timeout) {
        return new SourceOptions(connectTimeout, timeout, maxBytes, maxRedirects, allowedSchemes, providerSettings);
    }

    public SourceOptions withMaxBytes(long bytes) {
        return new SourceOptions(connectTimeout, readTimeout, bytes, maxRedirects, allowedSchemes, providerSettings);
    }

    public SourceOptions withMaxRedirects(int redirects) {
        return new SourceOptions(connectTimeout, readTimeout, maxBytes, redirects, allowedSchemes, providerSettings);
    }

    public SourceOptions withAllowedSchemes(Set<String> schemes) {
        return new SourceOptions(connectTimeout, readTimeout, maxBytes, maxRedirects, schemes, providerSettings);
    }

    /** These options with a provider setting added or replaced, e.g. {@code ("s3.endpoint", "http://localhost:9000")}. */
    public SourceOptions withProviderSetting(String key, String value) {
        Map<String, String> settings = new HashMap<>(providerSettings);
        settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new SourceOptions(connectTimeout, readTimeout, maxBytes, maxRedirects, allowedSchemes, settings);
    }

    /** A provider setting, when set. */
    public Optional<String> providerSetting(String key) {
        return Optional.ofNullable(providerSettings.get(key));
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " = " + d + " is out of range: allowed a positive duration");
        }
    }
}
