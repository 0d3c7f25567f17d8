package io.soundmark.index;

import io.soundmark.SoundmarkException;
import java.nio.file.Path;

/**
 * An index could not be opened, read or written, or refused records that do not belong in it
 * (another model, another window layout). {@link #getMessage()} reads {@code "index DIR: CAUSE"}.
 */
public class IndexException extends SoundmarkException {
    private static final long serialVersionUID = 1L;

    public IndexException(Path directory, String cause) {
        super("index " + directory + ": " + cause);
    }

    public IndexException(Path directory, String cause, Throwable throwable) {
        super("index " + directory + ": " + cause, throwable);
    }
}
