package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.cli.RunCommand;
import dev.patchbay.host.config.CloseMatches;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.pipeline.TestStages.Hook;
import dev.patchbay.host.pipeline.TestStages.KeepEvenFactory;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class RunCommandTest {

    @TempDir
    Path home;

    private final NumbersFactory numbers = new NumbersFactory();
    private final MemorySinkFactory memory = new MemorySinkFactory();
    private final TestCatalog catalog = new TestCatalog().plugin("gen", numbers)
            .plugin("proc", new KeepEvenFactory()).plugin("mem", memory);
    private final AtomicReference<Consumer<String>> signalHandler = new AtomicReference<>();
    private final List<String> installedSignals = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private PatchbayConfig config(long graceSeconds, PipelineConfig... pipelines) {
        return new PatchbayConfig(home.resolve("config/patchbay.json"), home, home.resolve("plugins"), Set.of(),
                Set.of(), home.resolve("state"), "text", "INFO", graceSeconds, List.of(pipelines),
                ConfigLocations.none());
    }

    private final AtomicInteger platformStarts = new AtomicInteger();

    private int run(PatchbayConfig config, String... args) {
        RunCommand command = new RunCommand(() -> config, c -> {
            platformStarts.incrementAndGet();
            return catalog;
        }, (p, s) -> System.getLogger(p),
                (signals, handler) -> {
                    installedSignals.addAll(signals);
                    signalHandler.set(handler);
                    return () -> signalHandler.set(null);
                });
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    private static PipelineConfig finite(String name, long count) {
        return PipelineRuntimeTest.pipeline(name, Map.of("count", count), List.of("proc/keep-even"), 50, 0, 128);
    }

    private static PipelineConfig continuous(String name) {
        return PipelineRuntimeTest.pipeline(name, Map.of("count", 10L, "continuous", true), List.of(), 50, 0, 128);
    }

    private void awaitSignalHandler() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (signalHandler.get() == null || memory.durable.isEmpty() && memory.writes.get() == 0
                && !memory.probe.threads.containsKey(Hook.WRITE)) {
            assertThat(System.nanoTime()).as("waiting for the run to start").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @AfterEach
    void noThreadOutlivesTheCommand() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive()
                && (t.getName().startsWith("pipeline-") || t.getName().startsWith("patchbay-")))) {
            assertThat(System.nanoTime()).as("threads left: " + Thread.getAllStackTraces().keySet()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void runPrintsTheSummaryTableAndExitsZeroWhenEveryPipelineCompletes() {
        int exit = run(config(30, finite("demo", 1000)));

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("PIPELINE", "demo", "processors[0]", "COMPLETED");
        assertThat(memory.durable).hasSize(500);
        assertThat(installedSignals).containsExactly("TERM", "INT");
    }

    @Test
    void aCompletedRunClosesThePluginsEvenWhenStageThreadsAreStillClosingTheirStages() {
        memory.probe.failAt = Hook.CLOSE;
        memory.probe.thrower = () -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        class ClosingCatalog implements dev.patchbay.host.plugin.ExtensionCatalog, AutoCloseable {
            @Override
            public List<dev.patchbay.host.plugin.PluginInfo> plugins() {
                return catalog.plugins();
            }

            @Override
            public java.util.Optional<dev.patchbay.host.plugin.LoadedExtension> extension(String pluginId,
                    dev.patchbay.host.plugin.ExtensionKind kind, String name) {
                return catalog.extension(pluginId, kind, name);
            }

            @Override
            public void close() {
                closed.set(true);
            }
        }
        RunCommand command = new RunCommand(() -> config(30, finite("demo", 100)), c -> new ClosingCatalog(),
                (p, s) -> System.getLogger(p), (signals, handler) -> () -> { });
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));

        int exit = line.execute();

        assertThat(exit).isZero();
        assertThat(err.toString()).doesNotContain("plugins left loaded");
        assertThat(closed).as("the plugin catalog is closed after a completed run").isTrue();
    }

    @Test
    void runWithJsonPrintsTheSummaryAsOneJsonLine() throws Exception {
        int exit = run(config(30, finite("demo", 100)), "--json");

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString().strip());
        assertThat(json.get("event").asText()).isEqualTo("summary");
        assertThat(json.get("pipelines").get(0).get("stages").get(2).get("out").asLong()).isEqualTo(50);
    }

    @Test
    void runOnlyStartsTheSelectedPipelines() {
        int exit = run(config(30, finite("one", 10), finite("two", 10)), "--pipeline", "two");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("two").doesNotContain("one");
    }

    @Test
    void anUnknownPipelineNameIsAUsageErrorWithCloseMatches() {
        int exit = run(config(30, finite("demo", 10)), "--pipeline", "dmeo");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--pipeline dmeo: no such pipeline; did you mean 'demo'?");
        assertThat(numbers.probe.threads).isEmpty();
    }

    @Test
    void configurationErrorsExitTwoAndStartNothing() {
        PipelineConfig bad = PipelineRuntimeTest.pipeline("bad", Map.of("cuont", 5L), List.of("proc/keep-evn"), 10,
                0, 10);
        int exit = run(config(30, finite("good", 10), bad));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("3 errors, no pipeline was started", "setting 'count' is required",
                "did you mean 'count'?", "did you mean 'keep-even'?");
        assertThat(numbers.probe.threads).isEmpty();
    }

    @Test
    void anUnreadableConfigurationExitsTwo() {
        RunCommand command = new RunCommand(() -> {
            throw new IllegalStateException("patchbay.json: 1 error\n  $.pipelines (line 3, column 5): bad");
        }, c -> catalog, (p, s) -> System.getLogger(p), (s, h) -> () -> { });
        CommandLine line = new CommandLine(command);
        line.setErr(new PrintWriter(err, true));

        assertThat(line.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("no pipeline was started", "$.pipelines (line 3, column 5): bad");
    }

    @Test
    void aFailedPipelineExitsOneWhileTheOthersComplete() {
        KeepEvenFactory failing = new KeepEvenFactory();
        failing.probe.failAt = Hook.PROCESS;
        failing.probe.thrower = () -> {
            throw new IllegalArgumentException("cannot parse");
        };
        catalog.plugin("broken", failing);
        PipelineConfig bad = PipelineRuntimeTest.pipeline("bad", Map.of("count", 10L), List.of("broken/keep-even"),
                10, 0, 10);

        int exit = run(config(30, finite("good", 100), bad));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("error: pipeline 'bad' stopped: stage processors[0] (broken/keep-even, "
                + "plugin 'broken' 1.0.0) failed on its record 1: java.lang.IllegalArgumentException: cannot parse");
        assertThat(out.toString()).containsPattern("good +sink +mem/memory +COMPLETED +50 +50");
    }

    @Test
    void aStopSignalStopsAContinuousPipelineGracefullyWithExitZero() throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(config(30, continuous("follow"))));
        awaitSignalHandler();

        signalHandler.get().accept("SIGTERM");

        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("STOPPED");
        assertThat(err.toString()).contains("received SIGTERM, stopping gracefully");
        assertThat(memory.durable).hasSize(10);
    }

    @Test
    void aSecondSignalForcesTheExitAndSaysWhatWasLeftUncommitted() throws Exception {
        Semaphore gate = new Semaphore(0);
        memory.gate = gate;
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(config(30, continuous("stuck"))));
        awaitSignalHandler();
        while (!gate.hasQueuedThreads()) {
            Thread.sleep(5);
        }

        signalHandler.get().accept("SIGTERM");
        signalHandler.get().accept("SIGINT");

        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(err.toString()).contains("received SIGINT again, forcing the exit",
                "left uncommitted: pipeline 'stuck' ABORTED: last committed position none", "10 records in flight");
        gate.release(1000);
    }

    @Test
    void anExpiredGracePeriodForcesTheExit() throws Exception {
        Semaphore gate = new Semaphore(0);
        memory.gate = gate;
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(config(1, continuous("slow"))));
        awaitSignalHandler();
        while (!gate.hasQueuedThreads()) {
            Thread.sleep(5);
        }

        signalHandler.get().accept("SIGTERM");

        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(err.toString()).contains("the grace period of 1 s expired, forcing the exit",
                "left uncommitted: pipeline 'slow'");
        gate.release(1000);
    }

    @Test
    void progressPrintsTheSummaryWhileRunning() throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> run(config(30, continuous("watch")), "--progress", "1", "--json"));
        awaitSignalHandler();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString().contains("\"event\":\"progress\"")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }

        signalHandler.get().accept("SIGINT");

        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).contains("\"event\":\"progress\"", "\"state\":\"RUNNING\"");
        assertThat(lines.get(lines.size() - 1)).contains("\"event\":\"summary\"", "\"state\":\"STOPPED\"");
    }

    @Test
    @SuppressWarnings("try") // the lock is held only for its close()
    void aRunOnALockedHomeIsRefusedWithExitTwoBeforeAnyPluginStarts() throws Exception {
        Path state = home.resolve("state");
        try (HomeLock held = HomeLock.acquire(state, new HomeLock.Holder(ProcessHandle.current().pid(),
                Instant.parse("2026-12-01T10:15:00Z"), "patchbay run"))) {
            int exit = run(config(30, finite("demo", 100)));

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).isEqualTo("patchbay run: another run in this process (pid "
                    + ProcessHandle.current().pid() + ", running since 2026-12-01T10:15:00Z, \"patchbay run\") holds "
                    + "the lock on " + state + "; stop it first, or use another home" + System.lineSeparator());
            assertThat(platformStarts).as("plugins started").hasValue(0);
            assertThat(memory.durable).isEmpty();
        }
    }

    @Test
    void aRunHoldsTheLockWhileItRunsAndReleasesItWhenItEnds() throws Exception {
        Path state = home.resolve("state");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> run(config(30, continuous("follow")), "--pipeline", "follow"));
        awaitSignalHandler();

        assertThat(Files.readString(state.resolve(HomeLock.FILE_NAME)))
                .contains("\"pid\":" + ProcessHandle.current().pid(), "\"command\":\"run --pipeline follow\"");
        assertThatThrownBy(() -> HomeLock.acquire(state, HomeLock.Holder.current(Clock.systemUTC(), "x")))
                .isInstanceOf(HomeLock.HeldException.class).hasMessageContaining("\"run --pipeline follow\"");

        signalHandler.get().accept("SIGTERM");
        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();

        assertThat(Files.size(state.resolve(HomeLock.FILE_NAME))).as("the lock file is emptied").isZero();
        HomeLock.acquire(state, HomeLock.Holder.current(Clock.systemUTC(), "x")).close();
    }

    /** A way to break the state directory before a run, and what the refusal says about it. */
    @FunctionalInterface
    private interface Breakage {
        String apply(Path state) throws Exception;
    }

    private final List<AutoCloseable> restore = new java.util.ArrayList<>();

    @AfterEach
    void restoreFolders() throws Exception {
        for (AutoCloseable folder : restore) {
            folder.close();
        }
    }

    static java.util.stream.Stream<Arguments> unusableStateDirectories() {
        Breakage file = state -> {
            Files.writeString(state, "a file where the state folder should be");
            return "the state directory " + state + " is a file, not a folder";
        };
        Breakage unwritable = state -> {
            // As a clean run leaves it: the lock file is there and writable, only new files cannot be made.
            Files.createDirectories(state);
            Files.createFile(state.resolve(HomeLock.FILE_NAME));
            return "the state directory " + state + " is not writable";
        };
        Breakage danglingLink = state -> {
            Files.createSymbolicLink(state, state.resolveSibling("unmounted"));
            return "the state directory " + state + " is a symbolic link to " + state.resolveSibling("unmounted")
                    + ", which does not exist";
        };
        Breakage checkpointFolder = state -> {
            Files.createDirectories(state.resolve("demo.json"));
            return "checkpoint " + state.resolve("demo.json") + " of pipeline 'demo' is a folder, not a file";
        };
        return java.util.stream.Stream.of(Arguments.of("a file", file, false),
                Arguments.of("not writable", unwritable, true),
                Arguments.of("a dangling symbolic link", danglingLink, false),
                Arguments.of("a folder in a checkpoint's place", checkpointFolder, false));
    }

    @ParameterizedTest(name = "state {0}")
    @MethodSource("unusableStateDirectories")
    void anUnusableStateDirectoryIsRefusedAtStartWithExitTwoBeforeAnyPluginStartsOrRecordIsRead(String what,
            Breakage breakage, boolean makeUnwritable) throws Exception {
        Path state = home.resolve("state");
        String problem = breakage.apply(state);
        if (makeUnwritable) {
            restore.add(dev.patchbay.host.testing.UnwritableFolder.of(state));
        }

        int exit = run(config(30, finite("demo", 2000)));

        assertThat(exit).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).startsWith("patchbay run: " + problem).contains("no pipeline was started");
        assertThat(platformStarts).as("plugins started").hasValue(0);
        assertThat(numbers.probe.threads).as("stages created").isEmpty();
        assertThat(memory.durable).isEmpty();
        assertThat(out.toString()).isEmpty();
    }

    static java.util.stream.Stream<Arguments> damagedCheckpoints() {
        String sound = "{\"pipeline\": \"demo\", \"position\": \"40\", \"sourceRecords\": 40, "
                + "\"committedAt\": \"2026-12-01T10:15:00Z\"}";
        return java.util.stream.Stream.of(
                Arguments.of("not JSON", "offset=40", "is not valid JSON"),
                Arguments.of("trailing data", sound + "garbage", "has data after its JSON object"),
                Arguments.of("a second object", sound + sound, "has data after its JSON object"),
                Arguments.of("another pipeline's", sound.replace("\"demo\"", "\"other\""),
                        "names pipeline 'other', not 'demo'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedCheckpoints")
    void aDamagedCheckpointFailsItsPipelineBeforeItsSourceIsCreatedNamingTheFile(String what, String content,
            String problem) throws Exception {
        Path checkpoint = Files.createDirectories(home.resolve("state")).resolve("demo.json");
        Files.writeString(checkpoint, content);

        int exit = run(config(30, finite("demo", 100)));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("FAILED", "error: pipeline 'demo' stopped: stage source "
                + "(gen/numbers, plugin 'gen' 1.0.0) cannot resume from its checkpoint: java.io.IOException: "
                + "checkpoint " + checkpoint + " " + problem).contains("; delete it to start pipeline 'demo' from the beginning of "
                + "its input");
        assertThat(numbers.resumedFrom).as("sources created").isEmpty();
        assertThat(memory.durable).isEmpty();
        assertThat(Files.readString(checkpoint)).as("the checkpoint is left as it was").isEqualTo(content);
    }
}
