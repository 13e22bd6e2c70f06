package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InaccessibleObjectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The exit guard in this JVM, with the halt replaced by a recorder: what it reports when armed, how long it
 * waits, what it prints and which exit code it halts with. {@code ExitGuardProcessTest} runs the real exit.
 */
class ExitGuardTest {

    @TempDir
    Path plugins;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final CompletableFuture<Integer> halted = new CompletableFuture<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ExitGuard.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private SpawnerPlugin spawner;

    @BeforeEach
    void start() {
        spawner = new SpawnerPlugin(plugins);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void stop() throws InterruptedException {
        logger.detachAppender(appender);
        release.countDown();
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).as("thread '%s' ended", thread.getName()).isFalse();
        }
        spawner.close();
    }

    /** A hook thread as plugin code makes one: it carries the plugin's class loader. */
    private Thread pluginHook(String name) {
        Thread hook = new Thread(this::awaitRelease, name);
        hook.setContextClassLoader(spawner.loader());
        hook.setDaemon(true);
        threads.add(hook);
        return hook;
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ExitGuard guard(Duration grace, PluginShutdownHooks hooks) {
        return new ExitGuard(grace, err, hooks, halted::complete);
    }

    private Thread arm(ExitGuard guard, int code) {
        Thread thread = guard.arm(code);
        threads.add(thread);
        return thread;
    }

    @Test
    void armingReportsEachPluginHookAtWarnAndStartsANamedDaemonGuard() {
        Thread pluginHook = pluginHook("spawner-flush");
        Thread hostHook = new Thread(() -> { }, "host-flush");

        Thread guard = arm(guard(Duration.ofSeconds(30), new PluginShutdownHooks(() -> List.of(pluginHook, hostHook))),
                0);

        assertThat(guard.getName()).isEqualTo(ExitGuard.THREAD_NAME).isEqualTo("patchbay-exit-guard");
        assertThat(guard.isDaemon()).isTrue();
        assertThat(guard.isAlive()).isTrue();
        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).isEqualTo("plugin 'spawner' registered shutdown hook"
                    + " 'spawner-flush'; it runs at exit and is given at most 30 s");
            assertThat(event.getMDCPropertyMap()).containsEntry(PluginScope.MDC_PLUGIN, SpawnerPlugin.ID);
        });
        assertThat(halted).isNotDone();
    }

    @Test
    void afterTheGraceTheHooksStillRunningArePrintedAndTheJvmIsHaltedWithTheSameCode() throws Exception {
        Thread running = pluginHook("spawner-flush");
        Thread finished = new Thread(() -> { }, "host-flush-done");
        Thread hostRunning = new Thread(this::awaitRelease, "host-flush");
        hostRunning.setDaemon(true);
        threads.add(hostRunning);
        running.start();
        hostRunning.start();
        finished.start();
        finished.join(TimeUnit.SECONDS.toMillis(10));
        Duration grace = Duration.ofMillis(300);
        long begin = System.nanoTime();

        arm(guard(grace, new PluginShutdownHooks(() -> List.of(running, finished, hostRunning))), 3);

        assertThat(halted.get(10, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(grace);
        String printed = errBytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("patchbay: shutdown hooks are still running 300 ms after the exit began;"
                        + " halting with exit code 3",
                "  shutdown hook 'spawner-flush' of plugin 'spawner' at " + ExitGuardTest.class.getName()
                        + ".awaitRelease(",
                "  shutdown hook 'host-flush' (not a plugin's) at ",
                "fix plugin 'spawner' so that its shutdown hooks end within runtime.shutdownGraceSeconds")
                .doesNotContain("host-flush-done");
    }

    @Test
    void withoutTheHookListTheGuardNamesThePluginThreadsStillRunning() throws Exception {
        Thread running = pluginHook("spawner-flush");
        running.start();

        arm(guard(Duration.ofMillis(100), new PluginShutdownHooks(() -> {
            throw new InaccessibleObjectException("not opened");
        })), 1);

        assertThat(halted.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        String printed = errBytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("halting with exit code 1", "The shutdown hooks cannot be listed",
                "--add-opens java.base/java.lang=ALL-UNNAMED",
                "  thread 'spawner-flush' of plugin 'spawner' at " + ExitGuardTest.class.getName() + ".awaitRelease(")
                .doesNotContain(ExitGuard.THREAD_NAME);
        assertThat(appender.list).isEmpty();
    }

    @Test
    void anInterruptedGuardEndsWithoutHalting() throws Exception {
        Thread guard = arm(guard(Duration.ofSeconds(30), new PluginShutdownHooks(List::of)), 0);

        guard.interrupt();
        guard.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(guard.isAlive()).isFalse();
        assertThat(halted).isNotDone();
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
