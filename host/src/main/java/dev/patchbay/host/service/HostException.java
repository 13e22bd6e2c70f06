package dev.patchbay.host.service;

import java.util.List;
import java.util.Objects;

/**
 * The host could not be opened and nothing was started: the home is locked, the state directory is unusable or
 * the configuration's pipelines do not validate. Each of these exits 2.
 */
public final class HostException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Each problem on a line of its own, after the message. */
    private final List<String> details;

    public HostException(String message, List<String> details, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.details = List.copyOf(details);
    }

    public HostException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    public List<String> details() {
        return details;
    }
}
