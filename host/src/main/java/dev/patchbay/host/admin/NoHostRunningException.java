package dev.patchbay.host.admin;

/** No Patchbay host answers on this home: the port file is missing, or nothing listens on its port. */
public final class NoHostRunningException extends Exception {

    private static final long serialVersionUID = 1L;

    NoHostRunningException(String message, Throwable cause) {
        super(message, cause);
    }
}
