package io.soundmark.internal.source;

import io.soundmark.io.MediaSource;
import io.soundmark.io.SourceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** A local file. */
public final class FileMediaSource implements MediaSource {

    private final Path path;
    private final String name;
    private final long size;

    private FileMediaSource(Path path, String name, long size) {
        this.path = path;
        this.name = name;
        this.size = size;
    }

    /**
     * Checks that {@code path} is a readable regular file within the size limit and returns it as
     * a source. Special files are refused: reading a FIFO or a device could block for ever or
     * never end.
     *
     * @param name the input as the caller gave it, for messages
     * @throws IOException naming the cause: missing, a directory, a special file, unreadable, too large
     */
    public static FileMediaSource open(Path path, String name, SourceOptions options) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("no such file");
        }
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory, not a media file");
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("not a regular file (a FIFO, socket or device is not read)");
        }
        if (!Files.isReadable(path)) {
            throw new IOException("not readable (permission denied)");
        }
        long size = Files.size(path);
        if (size > options.maxBytes()) {
            throw new IOException("the file's " + size + " bytes are more than the limit of " + options.maxBytes()
                    + " bytes");
        }
        return new FileMediaSource(path, name, size);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InputStream openStream() throws IOException {
        return Files.newInputStream(path);
    }

    @Override
    public Optional<Path> file() {
        return Optional.of(path);
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(size);
    }
}
