package dev.patchbay.host.plugin;

/**
 * Starts plugins to find what only their code can tell (failing static initialisers and constructors, each
 * factory's settings description) and reports it, for the commands' {@code --start} option. The production
 * implementation, {@link ChildJvmStart}, runs the start in a separate JVM so that the plugins' code cannot touch,
 * hang or exit the calling process; {@link InProcessStart} runs it here, for that JVM and for trusted code.
 */
@FunctionalInterface
public interface IsolatedStart {

    /**
     * Starts the plugins the request names and reports each one's outcome.
     *
     * @return the report; a failed report (never an exception) when the start itself could not report
     */
    StartReport start(StartRequest request);
}
