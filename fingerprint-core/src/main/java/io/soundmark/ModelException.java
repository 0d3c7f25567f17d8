package io.soundmark;

/** The model could not be loaded, or failed or misbehaved while embedding an input. */
public class ModelException extends SoundmarkException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
