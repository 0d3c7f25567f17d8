package io.soundmark.internal.source;

import io.soundmark.io.MediaSource;
import io.soundmark.io.MediaSourceProvider;
import io.soundmark.io.SourceOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/** Opens {@code file:} URIs. */
public final class FileMediaSourceProvider implements MediaSourceProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    @Override
    public MediaSource open(URI uri, SourceOptions options) throws IOException {
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a usable file URI (" + e.getMessage() + ")", e);
        }
        return FileMediaSource.open(path, uri.toString(), options);
    }
}
