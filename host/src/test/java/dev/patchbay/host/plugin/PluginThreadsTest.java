package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Which live threads belong to a plugin: a thread carrying a plugin's class loader as its context class loader,
 * or an instance of a class that a plugin's jar defines. The plugin is a real jar started through the platform.
 */
class PluginThreadsTest {

    @TempDir
    Path dir;

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> started = new ArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(PluginThreads.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private SpawnerPlugin spawner;

    /** How a test thread is made, and who it must be attributed to. */
    @FunctionalInterface
    interface Maker {
        Thread make(SpawnerPlugin plugin, String name, CountDownLatch running, CountDownLatch release)
                throws Exception;
    }

    record Case(String label, String threadName, Maker maker, Optional<String> plugin, boolean left,
            String frame) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> threads() {
        return Stream.of(
                new Case("context class loader is the plugin's", "cache-refresher", (plugin, name, running, release) -> {
                    Thread thread = hostThread(name, running, release);
                    thread.setContextClassLoader(plugin.loader());
                    return thread;
                }, Optional.of(SpawnerPlugin.ID), true, PluginThreadsTest.class.getName() + ".lambda$"),
                new Case("class defined by the plugin's jar", "spawned-worker", (plugin, name, running, release) -> {
                    Thread thread = plugin.worker(name, running, release);
                    thread.setContextClassLoader(PluginThreadsTest.class.getClassLoader());
                    return thread;
                }, Optional.of(SpawnerPlugin.ID), true, SpawnerPlugin.WORKER + ".run("),
                new Case("host thread", "host-worker", (plugin, name, running, release) -> hostThread(name, running,
                        release), Optional.empty(), false, ""),
                new Case("pipeline stage thread inside plugin code", "pipeline-demo-source",
                        (plugin, name, running, release) -> {
                            Thread thread = hostThread(name, running, release);
                            thread.setContextClassLoader(plugin.loader());
                            return thread;
                        }, Optional.of(SpawnerPlugin.ID), false, ""));
    }

    private static Thread hostThread(String name, CountDownLatch running, CountDownLatch release) {
        return new Thread(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
    }

    @BeforeEach
    void startPlugin() throws Exception {
        spawner = new SpawnerPlugin(Files.createDirectories(dir.resolve("plugins")));
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        logger.detachAppender(appender);
        release.countDown();
        for (Thread thread : started) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).as("test thread '%s' ended", thread.getName()).isFalse();
        }
        spawner.close();
    }

    private Thread start(Maker maker, SpawnerPlugin plugin, String name) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        Thread thread = maker.make(plugin, name, running, release);
        thread.setDaemon(true);
        started.add(thread);
        thread.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).as("thread '%s' running", name).isTrue();
        return thread;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("threads")
    void eachThreadIsAttributedToThePluginWhoseClassLoaderItCarries(Case c) throws Exception {
        Thread thread = start(c.maker(), spawner, c.threadName());

        assertThat(PluginThreads.pluginOf(thread)).isEqualTo(c.plugin());
        List<PluginThread> left = spawner.platform().threadsLeft().stream()
                .filter(t -> t.threadName().equals(c.threadName())).toList();
        if (c.left()) {
            assertThat(left).singleElement().satisfies(t -> {
                assertThat(t.pluginId()).isEqualTo(SpawnerPlugin.ID);
                assertThat(t.topFrame()).startsWith(c.frame());
            });
        } else {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void eachThreadLeftIsLoggedAtWarnWithThePluginInTheMdc() throws Exception {
        start(threads().findFirst().orElseThrow().maker(), spawner, "cache-refresher");

        List<PluginThread> left = spawner.platform().threadsLeft();

        PluginThread thread = left.stream().filter(t -> t.threadName().equals("cache-refresher")).findFirst()
                .orElseThrow();
        List<ILoggingEvent> warnings = appender.list.stream()
                .filter(e -> e.getFormattedMessage().contains("'cache-refresher'")).toList();
        assertThat(warnings).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
            assertThat(event.getFormattedMessage()).isEqualTo("plugin 'spawner' left thread 'cache-refresher' running"
                    + " after its stages closed (at " + thread.topFrame() + "); it keeps the plugin's class loader"
                    + " alive; fix the plugin to stop its threads in close()");
            assertThat(event.getMDCPropertyMap()).containsEntry(PluginScope.MDC_PLUGIN, SpawnerPlugin.ID);
        });
        assertThat(MDC.get(PluginScope.MDC_PLUGIN)).as("the caller's MDC is restored").isNull();
    }

    @Test
    void threadsOfAnotherPlatformsPluginsAreNotReported() throws Exception {
        try (SpawnerPlugin other = new SpawnerPlugin(Files.createDirectories(dir.resolve("other")))) {
            Maker byLoader = threads().findFirst().orElseThrow().maker();
            start(byLoader, other, "other-platform-thread");

            assertThat(spawner.platform().threadsLeft()).extracting(PluginThread::threadName)
                    .doesNotContain("other-platform-thread");
            assertThat(other.platform().threadsLeft()).extracting(PluginThread::threadName)
                    .contains("other-platform-thread");
        }
    }

    @Test
    void aThreadLeftIsStillReportedAfterThePlatformIsClosed() throws Exception {
        start(threads().skip(1).findFirst().orElseThrow().maker(), spawner, "spawned-worker");

        spawner.close();

        assertThat(spawner.platform().threadsLeft()).extracting(PluginThread::threadName, PluginThread::pluginId)
                .contains(org.assertj.core.groups.Tuple.tuple("spawned-worker", SpawnerPlugin.ID));
    }

    @Test
    void theCallerCanExcludeTheThreadsItOwns() throws Exception {
        Thread mine = start(threads().findFirst().orElseThrow().maker(), spawner, "owned-by-caller");

        assertThat(spawner.platform().threadsLeft(thread -> thread == mine)).extracting(PluginThread::threadName)
                .doesNotContain("owned-by-caller");
    }

    @Test
    void aPluginThreadValidatesItsFields() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PluginThread("t", " ", "frame"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'t'").hasMessageContaining("' '");
    }
}
