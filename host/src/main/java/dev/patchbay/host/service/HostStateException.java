package dev.patchbay.host.service;

/** A command conflicts with the state of the host or of a plugin, such as enabling an enabled plugin (HTTP 409). */
public final class HostStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HostStateException(String message) {
        super(message);
    }
}
