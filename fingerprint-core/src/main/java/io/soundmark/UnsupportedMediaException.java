package io.soundmark;

/** No installed decoder reads the input's format (or the input is not media at all). */
public class UnsupportedMediaException extends MediaException {
    private static final long serialVersionUID = 1L;

    public UnsupportedMediaException(String input, String cause) {
        super(input, cause);
    }
}
