package dev.patchbay.host.cli;

/**
 * The process exit codes every command uses. A process whose shutdown hooks are still running when the exit
 * grace has passed is halted with the same code ({@link dev.patchbay.host.plugin.ExitGuard}).
 */
public final class ExitCodes {

    /** The command did what was asked and found no problem. */
    public static final int OK = 0;
    /** The command ran but found problems (a plugin archive failed verification), or a run failed. */
    public static final int PROBLEMS = 1;
    /**
     * The command line or the configuration is wrong, another run holds the home, or {@code run}'s state
     * directory cannot hold checkpoints; nothing was done.
     */
    public static final int USAGE = 2;

    /**
     * {@code run} only: a pipeline hit a fatal JVM error (such as {@code OutOfMemoryError}); the host stopped
     * gracefully because the JVM's state is unknown. A supervisor should restart the process.
     */
    public static final int FATAL = 3;

    /**
     * {@code status}, {@code pipelines ...} and {@code shutdown}: no host is running on the home (no
     * {@code state/admin.port}, or nothing listens there). The same number as {@link #FATAL}, as the issue asks:
     * in both cases there is no healthy host to talk to.
     */
    public static final int NO_HOST = 3;

    private ExitCodes() {
    }
}
