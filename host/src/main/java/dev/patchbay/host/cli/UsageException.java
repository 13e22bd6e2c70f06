package dev.patchbay.host.cli;

/**
 * The operator asked for something that cannot be done as asked (an unknown plugin id, a file that does
 * not exist). Reported without a stack trace; the process exits with {@link ExitCodes#USAGE}.
 */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
