package dev.patchbay.host.cli;

import dev.patchbay.host.plugin.ChildJvmStart;
import dev.patchbay.host.plugin.IsolatedStart;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --start} and {@code --start-timeout}, shared by the commands that inspect plugins without running them
 * ({@code plugins verify}, {@code info}, {@code reference}, {@code install} and {@code config check}): with
 * {@code --start} the factories are instantiated in a separate JVM ({@link ChildJvmStart}) within a time limit.
 */
final class StartOptions {

    /** What a command prints where it would have shown what only plugin code can tell. */
    static final String NOT_RUN = "plugin code is not run by default; add --start to read them in a separate JVM";
    /** The start check's time limit beyond each plugin's own start deadline: the child JVM's start and discovery. */
    static final Duration JVM_ALLOWANCE = Duration.ofSeconds(10);

    @Option(names = "--start", description = "Also instantiate the plugins' extension factories, in a separate JVM "
            + "within --start-timeout, so that failing static initialisers and constructors show, and settings are "
            + "read. Without it no plugin code runs.")
    private boolean start;

    @Option(names = "--start-timeout", paramLabel = "MILLIS", description = "How long the separate JVM of --start "
            + "may take in all before it is killed; default: runtime.timeouts.createMillis plus 10000.")
    private Long timeoutMillis;

    boolean requested() {
        return start;
    }

    /**
     * The start the command runs: empty without {@code --start}.
     *
     * @param startDeadline each plugin's start deadline, {@code runtime.timeouts.createMillis}
     * @throws UsageException if {@code --start-timeout} is given without {@code --start}, or is not positive
     */
    Optional<IsolatedStart> isolatedStart(Duration startDeadline) {
        if (timeoutMillis != null && !start) {
            throw new UsageException("--start-timeout " + timeoutMillis + " has no effect without --start; add "
                    + "--start, or leave --start-timeout out");
        }
        if (timeoutMillis != null && (timeoutMillis < 1 || timeoutMillis > Duration.ofDays(1).toMillis())) {
            throw new UsageException("--start-timeout " + timeoutMillis + " is outside 1 to 86400000 ms; give the "
                    + "limit in milliseconds, for example --start-timeout 60000");
        }
        if (!start) {
            return Optional.empty();
        }
        Duration limit = timeoutMillis != null ? Duration.ofMillis(timeoutMillis) : startDeadline.plus(JVM_ALLOWANCE);
        return Optional.of(ChildJvmStart.ofThisJvm(limit));
    }
}
