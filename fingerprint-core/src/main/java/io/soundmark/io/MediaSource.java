package io.soundmark.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** The bytes of one input, wherever they live. Opened by a {@link MediaSourceProvider}. */
public interface MediaSource {

    /** The input as it may appear in messages (a path, or a URL without credentials or query secrets). */
    String name();

    /** Opens the bytes from the start. The caller closes the stream. */
    InputStream openStream() throws IOException;

    /** The local file holding the bytes, when there is one (decoders may prefer random access). */
    default Optional<Path> file() {
        return Optional.empty();
    }

    /** Size in bytes, when known up front. */
    default OptionalLong size() {
        return OptionalLong.empty();
    }
}
