package io.soundmark.io;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Service-provider interface for input locations, keyed by URI scheme and discovered with
 * {@link java.util.ServiceLoader} (list implementations in
 * {@code META-INF/services/io.soundmark.io.MediaSourceProvider}). The core provides {@code file},
 * {@code http} and {@code https}; {@code fingerprint-source-s3} adds {@code s3}.
 */
public interface MediaSourceProvider {

    /** Lower-case URI schemes this provider opens, e.g. {@code "file"}. */
    Set<String> schemes();

    /**
     * Resolves {@code uri}; should fail fast (missing file, refused connection) rather than on first
     * read, and honour the timeouts and size limit of {@code options}.
     *
     * @throws IOException with a message naming the cause (the caller adds the location)
     */
    MediaSource open(URI uri, SourceOptions options) throws IOException;
}
