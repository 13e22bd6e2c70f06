package dev.patchbay.host.pipeline;

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
 * {@link RunCommandProcessTest}. Arguments: the home directory, then {@code stuck} to block the sink.
 * Prints READY on standard error once the sink has been called.
 */
public final class SignalledRunMain {

    private SignalledRunMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        boolean stuck = args.length > 1 && args[1].equals("stuck");
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
        int exit = new CommandLine(new RunCommand(() -> config, c -> catalog, (p, s) -> System.getLogger(p)))
                .execute();
        System.exit(exit);
    }
}
