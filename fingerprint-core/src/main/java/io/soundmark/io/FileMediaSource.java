package io.soundmark.io;

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
     * Checks that {@code path} is a readable regular file and returns it as a source.
     *
     * @param name the input as the caller gave it, for messages
     * @throws IOException naming the cause: missing, a directory, or unreadable
     */
    public static FileMediaSource open(Path path, String name) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("no such file");
        }
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory, not a media file");
        }
        if (!Files.isReadable(path)) {
            throw new IOException("not readable (permission denied)");
        }
        return new FileMediaSource(path, name, Files.size(path));
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
