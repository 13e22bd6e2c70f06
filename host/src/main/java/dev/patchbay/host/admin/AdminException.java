package dev.patchbay.host.admin;

import java.util.List;
import java.util.Objects;

/**
 * A request that a route refuses, answered with {@code status} and a JSON error body
 * ({@code {"status", "error", "message", "closeMatches"}}). Any other exception of a route is a 500.
 */
public final class AdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final List<String> closeMatches;

    /**
     * @param status an HTTP error status, 400 to 599
     * @param message what is wrong, naming the thing and quoting the bad value, and how to fix it
     * @param closeMatches the names the client may have meant, best first; empty when there are none
     */
    public AdminException(int status, String message, List<String> closeMatches) {
        super(Objects.requireNonNull(message, "message"));
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an admin error status must be 400..599, got " + status);
        }
        this.status = status;
        this.closeMatches = List.copyOf(closeMatches);
    }

    /** An error without close matches. */
    public AdminException(int status, String message) {
        this(status, message, List.of());
    }

    /** An error caused by {@code cause}, without close matches. */
    public AdminException(int status, String message, Throwable cause) {
        this(status, message, List.of());
        initCause(cause);
    }

    public int status() {
        return status;
    }

    public List<String> closeMatches() {
        return closeMatches;
    }
}
