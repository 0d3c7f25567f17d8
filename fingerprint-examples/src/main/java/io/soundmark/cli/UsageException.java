package io.soundmark.cli;

/** The command line was used wrongly: reported as {@code error: MESSAGE (see --help)}, exit status 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
