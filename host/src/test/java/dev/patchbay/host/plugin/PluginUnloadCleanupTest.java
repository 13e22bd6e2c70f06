package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.patchbay.host.testing.ClassMemory;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The leak sources {@link PluginUnloadCleanup} handles, each with a real plugin jar in its own class loader: after
 * the cleanup and the loader's close, the loader is collected (a {@link WeakReference} clears within a deadline);
 * without the handling it is not, or, where that depends on the collector's soft reference policy, the JDK cache
 * still answers with the plugin's object.
 */
class PluginUnloadCleanupTest {

    private static final Duration COLLECTED_WITHIN = Duration.ofSeconds(10);
    private static final Duration KEPT_FOR = Duration.ofSeconds(1);

    @TempDir
    static Path shared;

    private static Path jar;

    @TempDir
    Path plugins;

    private final Logger logger = (Logger) LoggerFactory.getLogger(PluginUnloadCleanup.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final PluginUnloadCleanup cleanup = new PluginUnloadCleanup(new PluginShutdownHooks(),
            Duration.ofSeconds(10));

    @BeforeAll
    static void buildPlugin() {
        jar = LeakyPlugin.buildJar(shared);
    }

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        MDC.remove("leaky.request");
    }

    /** One leak source: what the plugin does, and what the report then lists. */
    record Source(String label, String action, List<String> driversDeregistered) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Source> sources() {
        return Stream.of(
                new Source("a JDBC driver it registered", "driver", List.of(LeakyPlugin.DRIVER)),
                new Source("a resource bundle class it loaded", "bundle", List.of()),
                new Source("a bean class it introspected", "beans", List.of()),
                new Source("loggers, MDC and log arguments of its classes", "logs", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void afterTheCleanupThePluginsClassLoaderIsCollected(Source source) throws Exception {
        AtomicReference<PluginUnloadReport> report = new AtomicReference<>();
        WeakReference<ClassLoader> loader = useAndUnload(source.action(), report);

        assertThat(LeakyPlugin.collected(loader, COLLECTED_WITHIN)).as("class loader collected").isTrue();
        assertThat(report.get().driversDeregistered()).isEqualTo(source.driversDeregistered());
        assertThat(report.get().threadsLeft()).isEmpty();
        assertThat(report.get().shutdownHooksLeft()).isEmpty();
        assertThat(report.get().failures()).isEmpty();
    }

    @Test
    void withoutTheCleanupARegisteredDriverKeepsTheClassLoader() throws Exception {
        WeakReference<ClassLoader> loader = useAndClose("driver");

        assertThat(LeakyPlugin.collected(loader, KEPT_FOR)).as("class loader collected").isFalse();

        PluginUnloadReport report = cleanup.afterUnload(loader.get(), LeakyPlugin.ID, LeakyPlugin.VERSION);
        assertThat(report.driversDeregistered()).containsExactly(LeakyPlugin.DRIVER);
        assertThat(LeakyPlugin.collected(loader, COLLECTED_WITHIN)).as("class loader collected").isTrue();
    }

    @Test
    void loggersMdcAndLogArgumentsKeepNothingEvenWithoutTheCleanup() throws Exception {
        // Logback's LoggerContext keeps a logger per name (plugin.leaky, com.example.leaky.Leaks) for the life of
        // the JVM, and the MDC keeps strings; neither holds a class, so the loader goes with no cleanup at all.
        WeakReference<ClassLoader> loader = useAndClose("logs");

        assertThat(LeakyPlugin.collected(loader, COLLECTED_WITHIN)).as("class loader collected").isTrue();
        assertThat(((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory())
                .exists(LeakyPlugin.LEAKS)).isNotNull();
    }

    /**
     * The JDK caches resource bundles and bean information through soft references, which HotSpot clears only
     * under memory pressure or after an idle time that grows with the free heap, so "not collected without the
     * cleanup" is a property of the collector's policy, not something a test can rely on. The direct effect is:
     * without the cleanup the cache answers with the plugin's first object, after it the object is made anew.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cached")
    void theCleanupEmptiesTheJdkCachesThatHoldThePluginsClasses(String action) throws Exception {
        try (LeakyPlugin plugin = new LeakyPlugin(plugins, jar)) {
            Object first = plugin.call(action);
            assertThat(plugin.call(action)).as("cached before the cleanup").isSameAs(first);

            cleanup.afterUnload(plugin.loader(), LeakyPlugin.ID, LeakyPlugin.VERSION);

            assertThat(plugin.call(action)).as("cached after the cleanup").isNotSameAs(first);
            cleanup.afterUnload(plugin.loader(), LeakyPlugin.ID, LeakyPlugin.VERSION);
        }
    }

    static Stream<String> cached() {
        return Stream.of("bundle", "beans");
    }

    @Test
    void aThreadThePluginLeftRunningIsReportedAndLoggedAtWarnWithThePluginInTheMdc() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        PluginUnloadCleanup quick = new PluginUnloadCleanup(new PluginShutdownHooks(), Duration.ZERO);
        AtomicReference<PluginUnloadReport> report = new AtomicReference<>();
        WeakReference<ClassLoader> loader;
        try {
            loader = use(plugin -> {
                plugin.call("thread", stop);
                report.set(quick.afterUnload(plugin.loader(), LeakyPlugin.ID, LeakyPlugin.VERSION));
            });
        } finally {
            stop.countDown();
        }

        assertThat(report.get().threadsLeft()).singleElement().satisfies(thread -> {
            assertThat(thread.threadName()).isEqualTo("leaky-worker");
            assertThat(thread.pluginId()).isEqualTo(LeakyPlugin.ID);
            assertThat(thread.topFrame()).startsWith(LeakyPlugin.LEAKS + ".lambda$");
        });
        assertThat(report.get().loaderKept()).isTrue();
        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getMDCPropertyMap()).containsEntry(PluginScope.MDC_PLUGIN, LeakyPlugin.ID);
            assertThat(event.getFormattedMessage()).contains("plugin 'leaky' 1.0.0", "1 thread(s) still running",
                    "'leaky-worker' at " + LeakyPlugin.LEAKS + ".lambda$", "stop its threads");
        });
        // The report is all the host does about a thread: once the thread ends, the loader goes.
        assertThat(LeakyPlugin.collected(loader, COLLECTED_WITHIN)).as("class loader collected").isTrue();
    }

    @Test
    void aThreadThatEndsWithinTheGraceIsNotReported() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<PluginUnloadReport> report = new AtomicReference<>();

        use(plugin -> {
            plugin.call("thread", stop);
            stop.countDown();
            report.set(cleanup.afterUnload(plugin.loader(), LeakyPlugin.ID, LeakyPlugin.VERSION));
        });

        assertThat(report.get().isEmpty()).as("report %s is empty", report.get()).isTrue();
        assertThat(appender.list).isEmpty();
    }

    @Test
    void aShutdownHookThePluginAddedIsReported() throws Exception {
        AtomicReference<PluginUnloadReport> report = new AtomicReference<>();

        WeakReference<ClassLoader> loader = use(plugin -> {
            plugin.call("hook");
            try {
                report.set(cleanup.afterUnload(plugin.loader(), LeakyPlugin.ID, LeakyPlugin.VERSION));
            } finally {
                new PluginShutdownHooks().addedBy(plugin.loader()).orElseThrow()
                        .forEach(Runtime.getRuntime()::removeShutdownHook);
            }
        });

        assertThat(report.get().shutdownHooksLeft()).containsExactly("leaky-hook");
        assertThat(report.get().loaderKept()).isTrue();
        assertThat(appender.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .contains("1 shutdown hook(s) still registered: 'leaky-hook'", "remove its shutdown hooks"));
        // Once the hook is removed, the loader goes.
        assertThat(LeakyPlugin.collected(loader, COLLECTED_WITHIN)).as("class loader collected").isTrue();
    }

    @Test
    void aDriverThatCannotBeDeregisteredIsReportedWithItsCauseAndTheOthersStillGo() throws Exception {
        AtomicReference<PluginUnloadReport> first = new AtomicReference<>();
        AtomicReference<PluginUnloadReport> second = new AtomicReference<>();

        WeakReference<ClassLoader> loader = use(plugin -> {
            plugin.call("badDriver");
            first.set(cleanup.afterUnload(plugin.loader(), LeakyPlugin.ID, LeakyPlugin.VERSION));
            // Its action fails only once: a second unload deregisters it.
            second.set(cleanup.afterUnload(plugin.loader(), LeakyPlugin.ID, LeakyPlugin.VERSION));
        });

        assertThat(first.get().driversDeregistered()).containsExactly(LeakyPlugin.DRIVER);
        assertThat(first.get().failures()).singleElement().satisfies(failure -> {
            assertThat(failure).hasMessageContaining("plugin 'leaky' 1.0.0")
                    .hasMessageContaining("cannot deregister its JDBC driver '" + LeakyPlugin.BAD_DRIVER + "'")
                    .hasMessageContaining("connection pool still open").hasMessageContaining("fix the driver");
            assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("connection pool still open");
        });
        assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.WARN);
        assertThat(appender.list).filteredOn(event -> event.getThrowableProxy() != null).singleElement()
                .satisfies(event -> {
                    assertThat(event.getFormattedMessage()).contains("cannot deregister its JDBC driver");
                    assertThat(event.getThrowableProxy().getCause().getMessage())
                            .isEqualTo("connection pool still open");
                });
        assertThat(second.get().driversDeregistered()).containsExactly(LeakyPlugin.BAD_DRIVER);
        assertThat(second.get().failures()).isEmpty();
        // The plugin's exception, in the first report and the logged event, references the plugin's classes
        // through its stack trace, as every Throwable does; the loader goes once they go.
        first.set(null);
        appender.list.clear();
        assertThat(LeakyPlugin.collected(loader, COLLECTED_WITHIN)).as("class loader collected").isTrue();
    }

    @Test
    void aPluginThatLeftNothingGetsAnEmptyReportAndNoLogLine() throws Exception {
        try (LeakyPlugin plugin = new LeakyPlugin(plugins, jar)) {
            PluginUnloadReport report = cleanup.afterUnload(plugin.loader(), LeakyPlugin.ID, LeakyPlugin.VERSION);
            assertThat(report.isEmpty()).isTrue();
            assertThat(report.loaderKept()).isFalse();
        }
        assertThat(appender.list).isEmpty();
    }

    @Test
    void tenCleanedUpLoadsLeaveNoClassesBehind() throws Exception {
        // Every load defines the plugin's classes anew; once the loaders go, so must they. The first cycles also
        // load the JDK's and logback's classes for this work once, which stay: they are the baseline.
        loadsAllCleanedUp(2);
        ClassMemory.Figures first = ClassMemory.afterFullGc(COLLECTED_WITHIN);

        loadsAllCleanedUp(10);

        ClassMemory.Figures growth = ClassMemory.afterFullGc(COLLECTED_WITHIN).minus(first);
        // The plugin defines 6 classes per load; 10 leaked loads would add 60 and their metaspace.
        assertThat(growth.loadedClasses()).as("classes added by 10 loads: %s", growth).isLessThan(30);
    }

    private void loadsAllCleanedUp(int loads) throws Exception {
        List<WeakReference<ClassLoader>> loaders = new java.util.ArrayList<>();
        for (int i = 0; i < loads; i++) {
            loaders.add(use(plugin -> {
                for (Source source : sources().toList()) {
                    call(plugin, source.action());
                }
                cleanup.afterUnload(plugin.loader(), LeakyPlugin.ID, LeakyPlugin.VERSION);
            }));
        }
        for (WeakReference<ClassLoader> loader : loaders) {
            assertThat(LeakyPlugin.collected(loader, COLLECTED_WITHIN)).as("class loader collected").isTrue();
        }
    }

    /** What a test does with a plugin before its loader is closed. */
    @FunctionalInterface
    interface Use {
        void accept(LeakyPlugin plugin) throws Exception;
    }

    /**
     * Opens the plugin, uses it, closes its loader and keeps only a weak reference, in a frame of its own: an
     * interpreted frame keeps a local that is out of scope, which would keep the loader.
     */
    private WeakReference<ClassLoader> use(Use use) throws Exception {
        try (LeakyPlugin plugin = new LeakyPlugin(plugins, jar)) {
            use.accept(plugin);
            return new WeakReference<>(plugin.loader());
        }
    }

    /** Runs one action, then the cleanup and the close, as the platform's unload does; keeps only a weak reference. */
    private WeakReference<ClassLoader> useAndUnload(String action, AtomicReference<PluginUnloadReport> report)
            throws Exception {
        try (LeakyPlugin plugin = new LeakyPlugin(plugins, jar)) {
            call(plugin, action);
            report.set(cleanup.afterUnload(plugin.loader(), LeakyPlugin.ID, LeakyPlugin.VERSION));
            return new WeakReference<>(plugin.loader());
        }
    }

    /** Runs one action and closes the loader without any cleanup; keeps only a weak reference. */
    private WeakReference<ClassLoader> useAndClose(String action) throws Exception {
        try (LeakyPlugin plugin = new LeakyPlugin(plugins, jar)) {
            call(plugin, action);
            return new WeakReference<>(plugin.loader());
        }
    }

    private static void call(LeakyPlugin plugin, String action) throws Exception {
        if (action.equals("logs")) {
            plugin.call(action, PluginLoggers.forStage(LeakyPlugin.ID, "demo/processors[0]"));
        } else {
            plugin.call(action);
        }
    }
}
