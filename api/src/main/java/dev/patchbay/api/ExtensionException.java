package dev.patchbay.api;

import java.util.Objects;

/**
 * A failure inside an extension, carrying the extension's name so the host can report which stage
 * failed and why.
 *
 * <p>Extensions throw it, or a subclass, for configuration and data errors. The message should say
 * what was wrong, quote the offending value and say how to fix it.
 *
 * @since 1.0.0
 */
public class ExtensionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String extension;

    /**
     * Creates the exception.
     *
     * @param extension the name of the failing extension, as in its {@link Extension#name()}
     * @param message what went wrong and how to fix it
     */
    public ExtensionException(String extension, String message) {
        super(format(extension, message));
        this.extension = extension;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param extension the name of the failing extension, as in its {@link Extension#name()}
     * @param message what went wrong and how to fix it
     * @param cause the underlying failure
     */
    public ExtensionException(String extension, String message, Throwable cause) {
        super(format(extension, message), Objects.requireNonNull(cause, "cause"));
        this.extension = extension;
    }

    /**
     * Returns the name of the extension that failed.
     *
     * @return the extension name
     */
    public String extension() {
        return extension;
    }

    private static String format(String extension, String message) {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(message, "message");
        return extension + ": " + message;
    }
}
