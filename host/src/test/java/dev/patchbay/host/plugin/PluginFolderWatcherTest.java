package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The watcher on a real temporary folder with its real thread; every wait has a deadline. */
class PluginFolderWatcherTest {

    private static final long DEADLINE_SECONDS = 20;

    @TempDir
    Path dir;

    private Path plugins;
    private final Changes changes = new Changes();
    private final Logger logger = (Logger) LoggerFactory.getLogger(PluginFolderWatcher.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level level;

    @BeforeEach
    void capture() throws IOException {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(level);
    }

    @Test
    void theBaselineIsNotReportedAndANewJarIsReportedOnceOnTheWatcherThread() throws Exception {
        Path old = write(plugins.resolve("old.jar"), 10);
        try (PluginFolderWatcher watcher = watcher(changes, false)) {
            assertThat(watcher.stable()).containsOnlyKeys(old);
            Path added = write(plugins.resolve("new.jar"), 20);

            PluginFolderChange change = changes.await(c -> c.added().contains(added));

            assertThat(change.snapshot()).containsOnlyKeys(old, added);
            assertThat(change.removed()).isEmpty();
            assertThat(changes.threads).containsOnly(PluginFolderWatcher.THREAD_NAME);
            assertThat(changes.list).hasSize(1);
        }
    }

    @Test
    void theBaselineIsReportedAsAddedWhenAsked() throws Exception {
        Path old = write(plugins.resolve("old.jar"), 10);
        try (PluginFolderWatcher watcher = watcher(changes, true)) {
            assertThat(changes.await(c -> !c.added().isEmpty()).added()).containsExactly(old);
            assertThat(watcher.stable()).containsOnlyKeys(old);
        }
    }

    @Test
    void aRemovalIsReportedOnceItSettles() throws Exception {
        Path old = write(plugins.resolve("old.jar"), 10);
        try (PluginFolderWatcher watcher = watcher(changes, false)) {
            assertThat(watcher.stable()).containsOnlyKeys(old);
            Files.delete(old);

            assertThat(changes.await(c -> !c.removed().isEmpty()).removed()).containsExactly(old);
        }
    }

    @Test
    void theRescanSeesAChangeDeepInsideAFolderPluginThatTheWatchServiceDoesNotSignal() throws Exception {
        Path folder = Files.createDirectories(plugins.resolve("geo/lib"));
        Path lib = write(folder.resolve("geo.jar"), 10);
        try (PluginFolderWatcher watcher = watcher(changes, false)) {
            assertThat(watcher.stable()).containsOnlyKeys(plugins.resolve("geo"));

            Files.write(lib, new byte[20]);

            PluginFolderChange change = changes.await(c -> !c.changed().isEmpty());
            assertThat(change.changed()).containsExactly(plugins.resolve("geo"));
            assertThat(change.snapshot().get(plugins.resolve("geo")).size()).isEqualTo(20);
        }
    }

    @Test
    void underLoadOnlyTheSurvivorsAreReportedAndASlowlyWrittenFileOnceComplete() throws Exception {
        Path slow = plugins.resolve("slow.jar");
        int chunks = 40;
        int chunkSize = 4_096;
        try (PluginFolderWatcher watcher = watcher(changes, false)) {
            Thread writer = new Thread(() -> writeSlowly(slow, chunks, chunkSize), "test-slow-writer");
            writer.start();
            for (int i = 0; i < 300; i++) {
                Path brief = write(plugins.resolve("brief-" + i + ".jar"), i);
                if (i % 50 != 0) {
                    Files.delete(brief);
                }
            }
            writer.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            assertThat(writer.isAlive()).isFalse();

            PluginFolderChange withSlow = changes.await(c -> c.snapshot().containsKey(slow));
            assertThat(withSlow.snapshot().get(slow).size()).isEqualTo((long) chunks * chunkSize);
            Path marker = write(plugins.resolve("zz-marker.jar"), 1);
            PluginFolderChange last = changes.await(c -> c.snapshot().containsKey(marker));

            assertThat(last.snapshot()).containsOnlyKeys(slow, marker, plugins.resolve("brief-0.jar"),
                    plugins.resolve("brief-50.jar"), plugins.resolve("brief-100.jar"),
                    plugins.resolve("brief-150.jar"), plugins.resolve("brief-200.jar"),
                    plugins.resolve("brief-250.jar"));
            assertThat(watcher.stable()).isEqualTo(last.snapshot());
            assertThat(changes.list).allSatisfy(change -> assertThat(change.removed()).isEmpty());
            assertThat(changes.list.stream().filter(c -> c.added().contains(slow) || c.changed().contains(slow)))
                    .hasSize(1);
        }
    }

    @Test
    void aMissingFolderIsWarnedOnceAndTheWatcherRecoversWhenItComes() throws Exception {
        Path later = dir.resolve("later");
        try (PluginFolderWatcher watcher = new PluginFolderWatcher(later, settings(false), changes)) {
            watcher.start();
            long looks = watcher.looks();
            awaitLooks(watcher, looks + 3);
            assertThat(warnings()).singleElement().asString()
                    .contains("plugins folder '" + later + "' does not exist", "create it");

            Files.createDirectories(later);
            Path jar = write(later.resolve("a.jar"), 5);

            assertThat(changes.await(c -> c.added().contains(jar)).snapshot()).containsOnlyKeys(jar);
            assertThat(warnings()).hasSize(1);
            assertThat(messages(Level.INFO)).anySatisfy(m -> assertThat(m).contains("'" + later + "'", "is back"));
        }
    }

    @Test
    void aDeletedFolderKeepsTheStableSnapshotUntilItComesBack() throws Exception {
        Path jar = write(plugins.resolve("a.jar"), 5);
        try (PluginFolderWatcher watcher = watcher(changes, false)) {
            PluginArchive.deleteTree(plugins);
            awaitWarning();
            awaitLooks(watcher, watcher.looks() + 3);
            assertThat(watcher.stable()).containsOnlyKeys(jar);
            assertThat(changes.list).isEmpty();

            Files.createDirectories(plugins);
            Path other = write(plugins.resolve("b.jar"), 5);

            changes.await(c -> c.snapshot().keySet().equals(Set.of(other)));
            assertThat(changes.list.stream().flatMap(c -> c.removed().stream())).containsExactly(jar);
            assertThat(warnings()).singleElement().asString().contains("'" + plugins + "'");
        }
    }

    @Test
    void aFailingListenerIsLoggedWithItsCauseAndTheWatcherCarriesOn() throws Exception {
        PluginFolderListener failing = change -> {
            changes.changed(change);
            if (change.added().stream().anyMatch(p -> p.getFileName().toString().equals("a.jar"))) {
                throw new IllegalStateException("listener broke");
            }
        };
        try (PluginFolderWatcher watcher = new PluginFolderWatcher(plugins, settings(false), failing)) {
            watcher.start();
            write(plugins.resolve("a.jar"), 5);
            changes.await(c -> c.snapshot().containsKey(plugins.resolve("a.jar")));
            Path b = write(plugins.resolve("b.jar"), 5);

            changes.await(c -> c.added().contains(b));
            ILoggingEvent error = appender.list.stream().filter(e -> e.getLevel() == Level.ERROR).findFirst()
                    .orElseThrow();
            assertThat(error.getFormattedMessage()).contains("'" + plugins + "'", "a.jar", "carries on");
            assertThat(error.getThrowableProxy().getMessage()).isEqualTo("listener broke");
        }
    }

    @Test
    void closeIsIdempotentAndStopsTheThread() throws Exception {
        PluginFolderWatcher watcher = watcher(changes, false);
        Thread thread = watcher.thread();
        assertThat(thread.getName()).isEqualTo(PluginFolderWatcher.THREAD_NAME);

        watcher.close();
        watcher.close();

        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void aWatcherClosedBeforeItStartsNeverStartsAndSaysHowToGoOn() {
        PluginFolderWatcher watcher = new PluginFolderWatcher(plugins, settings(false), changes);
        watcher.close();

        assertThatThrownBy(watcher::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + plugins + "'", "make a new one");
        assertThat(watcher.thread().isAlive()).isFalse();
    }

    @Test
    void closeWhileTheListenerRunsInterruptsItAndWaitsForIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        PluginFolderListener blocking = change -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await(DEADLINE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
            }
        };
        PluginFolderWatcher watcher = new PluginFolderWatcher(plugins, settings(false), blocking);
        watcher.start();
        write(plugins.resolve("a.jar"), 5);
        assertThat(entered.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();

        watcher.close();
        watcher.close();

        assertThat(interrupted.getCount()).isZero();
        assertThat(watcher.thread().isAlive()).isFalse();
    }

    @Test
    void closeFromTheListenerItselfDoesNotWaitForItself() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        PluginFolderWatcher[] self = new PluginFolderWatcher[1];
        self[0] = new PluginFolderWatcher(plugins, settings(false), change -> {
            self[0].close();
            closed.countDown();
        });
        self[0].start();
        write(plugins.resolve("a.jar"), 5);

        assertThat(closed.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
        self[0].thread().join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        assertThat(self[0].thread().isAlive()).isFalse();
    }

    @Test
    void anInterruptedCloseStillClosesAndKeepsTheInterrupt() throws Exception {
        PluginFolderWatcher watcher = watcher(changes, false);

        Thread.currentThread().interrupt();
        watcher.close();

        assertThat(Thread.interrupted()).isTrue();
        watcher.thread().join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        assertThat(watcher.thread().isAlive()).isFalse();
    }

    private PluginFolderWatcher watcher(PluginFolderListener listener, boolean reportBaseline) {
        PluginFolderWatcher watcher = new PluginFolderWatcher(plugins, settings(reportBaseline), listener);
        watcher.start();
        return watcher;
    }

    private static PluginFolderWatcher.Settings settings(boolean reportBaseline) {
        return new PluginFolderWatcher.Settings(Duration.ofMillis(1_000), Duration.ofMillis(100), reportBaseline);
    }

    private static void awaitLooks(PluginFolderWatcher watcher, long looks) {
        poll("look " + looks, () -> watcher.looks() >= looks);
    }

    private void awaitWarning() {
        poll("a warning", () -> !warnings().isEmpty());
    }

    /** Polls a condition that nothing signals (a log line, a look count) until it holds, or fails at the deadline. */
    private static void poll(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %d s", what, DEADLINE_SECONDS).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private List<String> warnings() {
        return messages(Level.WARN);
    }

    private List<String> messages(Level level) {
        return List.copyOf(appender.list).stream().filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Path write(Path file, int size) throws IOException {
        return Files.write(file, new byte[size]);
    }

    private static void writeSlowly(Path file, int chunks, int chunkSize) {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < chunks; i++) {
                out.write(new byte[chunkSize]);
                out.flush();
                // The pace of a slow copy, well under the settle time: this is the input, not a wait for a condition.
                Thread.sleep(25);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records every change and lets the test wait, with a deadline, for one that matches. */
    static final class Changes implements PluginFolderListener {
        final List<PluginFolderChange> list = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void changed(PluginFolderChange change) {
            list.add(change);
            threads.add(Thread.currentThread().getName());
            notifyAll();
        }

        synchronized PluginFolderChange await(Predicate<PluginFolderChange> matching) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            while (true) {
                for (PluginFolderChange change : list) {
                    if (matching.test(change)) {
                        return change;
                    }
                }
                long left = deadline - System.nanoTime();
                assertThat(left).as("a matching change within %d s; saw %s", DEADLINE_SECONDS, list).isPositive();
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

}
