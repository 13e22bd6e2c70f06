package dev.patchbay.plugins.files;

/**
 * Malformed input found while parsing one record. Parsers throw it with a message relative to the
 * record; the source adds the file and line and applies the stage's error policy.
 */
final class MalformedDataException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedDataException(String message) {
        super(message);
    }

    MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
