package dev.patchbay.host.pipeline;

import dev.patchbay.host.cli.RunCommand;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import picocli.CommandLine;

/**
 * A JVM that runs {@code patchbay run} on a continuous test pipeline with the real signal handlers, for
 * {@link RunCommandProcessTest}. Arguments: the home directory, then {@code stuck} to block the sink, or
 * {@code until-exit} to install the handlers as {@code Main} does for the process (they stay until the JVM
 * exits), print ENDED on standard error when the command has returned, and wait for standard input to close
 * before exiting. Prints READY on standard error once the sink has been called.
 */
public final class SignalledRunMain {

    private SignalledRunMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        boolean stuck = args.length > 1 && args[1].equals("stuck");
        boolean untilExit = args.length > 1 && args[1].equals("until-exit");
        NumbersFactory numbers = new NumbersFactory();
        MemorySinkFactory memory = new MemorySinkFactory();
        if (stuck) {
            memory.gate = new Semaphore(0);
        }
        TestCatalog catalog = new TestCatalog().plugin("gen", numbers).plugin("mem", memory);
        PatchbayConfig config = new PatchbayConfig(home.resolve("config/patchbay.json"), home,
                home.resolve("plugins"), Set.of(), Set.of(), home.resolve("state"), "text", "INFO", 60,
                List.of(PipelineRuntimeTest.pipeline("follow", Map.of("count", 25L, "continuous", true), List.of(),
                        10, 0, 100)),
                ConfigLocations.none());
        Thread watcher = new Thread(() -> {
            while (!memory.probe.threads.containsKey(TestStages.Hook.WRITE)) {
                Thread.onSpinWait();
            }
            System.err.println("READY");
            System.err.flush();
        }, "test-ready-watcher");
        watcher.setDaemon(true);
        watcher.start();
        RunCommand command = untilExit
                ? new RunCommand(() -> config, c -> catalog, (p, s) -> System.getLogger(p),
                        SignalHandlers::installUntilExit)
                : new RunCommand(() -> config, c -> catalog, (p, s) -> System.getLogger(p));
        int exit = new CommandLine(command).execute();
        if (untilExit) {
            // The window between the printed summary and the JVM's exit, held open until the test closes stdin.
            System.err.println("ENDED " + exit);
            System.err.flush();
            System.in.readAllBytes();
        }
        System.exit(exit);
    }
}
