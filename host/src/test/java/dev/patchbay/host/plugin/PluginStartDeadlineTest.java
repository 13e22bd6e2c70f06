package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * A plugin whose start never returns fails alone with START_TIMEOUT (PB-PLUGIN-020) once the start deadline
 * passes: its thread is interrupted once and abandoned, every other plugin starts, and {@code close()} returns
 * without closing the class loader the abandoned thread is still running in.
 */
class PluginStartDeadlineTest {

    private static final Duration DEADLINE = Duration.ofMillis(300);
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String START_THREAD = "patchbay-plugin-start-";
    private static final String STUCK_CLASS = "com.example.stuck.Stuck";

    @TempDir
    Path plugins;

    /** Set by the test to let the stuck plugin code end, so that no thread outlives the test. */
    private final String release = "patchbay.test.release." + UUID.randomUUID();
    private final Logger platformLog = (Logger) LoggerFactory.getLogger(PluginPlatform.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        appender.start();
        platformLog.addAppender(appender);
    }

    @AfterEach
    void releaseTheStuckCode() {
        platformLog.detachAppender(appender);
        System.setProperty(release, "true");
        await(() -> liveStartThreads().isEmpty(), "start threads left: " + liveStartThreads());
        System.clearProperty(release);
        System.clearProperty(release + ".interrupts");
    }

    /** Plugin code that does not return; {@code RELEASE} is replaced by the name of the release property. */
    record Stuck(String name, String body, boolean interruptible) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Counts in the property RELEASE.interrupts how often the plugin code saw an interrupt. */
    private static final String COUNT_INTERRUPT = "System.setProperty(\"RELEASE.interrupts\","
            + " String.valueOf(Integer.getInteger(\"RELEASE.interrupts\", 0) + 1));";

    private static final String IGNORES_INTERRUPTS = """
            public Stuck() {
                while (!Boolean.getBoolean("RELEASE")) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException ignored) {
                        // the badly behaved plugin drops the interrupt
                        COUNT
                    }
                }
            }
            """.replace("COUNT", COUNT_INTERRUPT);

    static Stream<Stuck> stuckPlugins() {
        return Stream.of(
                new Stuck("a factory constructor that sleeps and ignores interrupts", IGNORES_INTERRUPTS, false),
                new Stuck("a static initialiser that busy-loops", """
                        static {
                            while (!Boolean.getBoolean("RELEASE")) {
                                if (Thread.interrupted()) {
                                    COUNT
                                }
                            }
                        }
                        """.replace("COUNT", COUNT_INTERRUPT), false),
                new Stuck("a factory constructor blocked in an interruptible Thread.sleep", """
                        public Stuck() throws InterruptedException {
                            if (!Boolean.getBoolean("RELEASE")) {
                                Thread.sleep(600_000);
                            }
                        }
                        """, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stuckPlugins")
    void aStuckPluginFailsAloneWithinTheDeadlineAndCloseLeavesItsClassLoaderOpen(Stuck stuck) {
        PluginJarBuilder.plugin("stuck").version("2.1.0").source(STUCK_CLASS, Sources.processor(STUCK_CLASS,
                "stuck", stuck.body().replace("RELEASE", release))).service(ProcessorFactory.class, STUCK_CLASS)
                .buildJar(plugins);
        PluginJarBuilder.plugin("healthy").processor("com.example.healthy.Healthy", "healthy").buildJar(plugins);
        PluginJarBuilder.plugin("needs-stuck").dependencies("stuck").processor("com.example.needs.Needs", "needs")
                .buildJar(plugins);
        PluginJarBuilder.plugin("after-healthy").dependencies("healthy")
                .processor("com.example.after.After", "after").buildJar(plugins);
        RecordingLoaders loaders = new RecordingLoaders();
        PluginPlatform platform = platform(loaders, DEADLINE);

        long began = System.nanoTime();
        Map<String, PluginInfo> byId = assertTimeoutPreemptively(BOUND, platform::start).stream()
                .collect(Collectors.toMap(PluginInfo::id, Function.identity()));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

        assertThat(tookMillis).as("start took %d ms", tookMillis).isGreaterThanOrEqualTo(DEADLINE.toMillis())
                .isLessThan(BOUND.toMillis());
        assertThat(byId.get("stuck").state()).isEqualTo(PluginState.FAILED);
        Problem problem = byId.get("stuck").problems().get(0);
        assertThat(byId.get("stuck").problems()).hasSize(1);
        assertThat(problem.code()).isEqualTo(ProblemCode.START_TIMEOUT);
        assertThat(problem.code().id()).isEqualTo("PB-PLUGIN-020");
        assertThat(problem.message()).contains("plugin 'stuck' 2.1.0 did not start within 300 ms",
                "thread '" + START_THREAD, STUCK_CLASS + ".", "`patchbay plugins disable stuck`",
                "runtime.timeouts.createMillis");
        assertThat(byId.get("healthy").state()).isEqualTo(PluginState.STARTED);
        LoadedExtension healthy = platform.extension("healthy", ExtensionKind.PROCESSOR, "healthy").orElseThrow();
        assertThat(healthy.settings()).isEmpty();
        assertThat(healthy.factory().getClass().getClassLoader()).isSameAs(loaders.of("healthy"));
        assertThat(byId.get("after-healthy").state()).as("a later level that does not need the stuck plugin")
                .isEqualTo(PluginState.STARTED);
        assertThat(byId.get("needs-stuck").problems()).singleElement().satisfies(dependency -> {
            assertThat(dependency.code()).isEqualTo(ProblemCode.DEPENDENCY_FAILED);
            assertThat(dependency.message()).contains("'stuck'", "PB-PLUGIN-020");
        });
        assertThat(platform.extension("stuck", ExtensionKind.PROCESSOR, "stuck")).isEmpty();

        if (stuck.interruptible()) {
            await(() -> platform.abandoned().isEmpty(), "the interrupted thread leaves the plugin's code");
            assertTimeoutPreemptively(BOUND, platform::close);
            assertThat(warnings()).isEmpty();
            assertThat(loaders.of("stuck").findResource(classFile(STUCK_CLASS)))
                    .as("its thread left, so its loader was closed").isNull();
            return;
        }
        assertThat(platform.abandoned()).singleElement().satisfies(abandoned -> {
            assertThat(abandoned.threadName()).startsWith(START_THREAD);
            assertThat(abandoned.pluginId()).isEqualTo("stuck");
            assertThat(abandoned.pluginVersion()).isEqualTo("2.1.0");
            assertThat(abandoned.activity()).isEqualTo(AbandonedThread.PLUGIN_START);
            assertThat(abandoned.frames()).anySatisfy(frame -> assertThat(frame).startsWith(STUCK_CLASS + "."));
            assertThat(problem.message()).contains("thread '" + abandoned.threadName() + "'");
            assertThat(liveStartThreads()).as("only the abandoned start thread outlives start()")
                    .containsExactly(abandoned.threadName());
        });
        String thread = platform.abandoned().get(0).threadName();

        assertTimeoutPreemptively(BOUND, platform::close);

        assertThat(warnings()).singleElement().satisfies(event -> {
            assertThat(event.getMDCPropertyMap()).containsEntry(PluginScope.MDC_PLUGIN, "stuck");
            assertThat(event.getFormattedMessage()).contains("plugin 'stuck' 2.1.0", "class loader cannot be freed",
                    "thread '" + thread + "'", "still inside its code");
        });
        assertThat(platform.abandoned()).extracting(AbandonedThread::threadName).containsExactly(thread);
        assertThat(Integer.getInteger(release + ".interrupts")).as("interrupts the plugin code saw").isEqualTo(1);
        assertThat(loaders.of("stuck").findResource(classFile(STUCK_CLASS)))
                .as("close() must not close the loader the abandoned thread runs in").isNotNull();
        assertThat(loaders.of("healthy").findResource(classFile("com.example.healthy.Healthy"))).isNull();

        System.setProperty(release, "true");
        await(() -> platform.abandoned().isEmpty(), "the released thread leaves the plugin's code");
        await(() -> loaders.of("stuck").findResource(classFile(STUCK_CLASS)) == null,
                "the thread that left late releases the plugin's loader itself");
    }

    @Test
    void whenEveryStartThreadIsStuckTheOtherPluginsStillGetThreads() {
        // As many stuck plugins as the pool has threads, each with a healthy plugin queued behind it.
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        PluginJarBuilder stuck = PluginJarBuilder.plugin("stuck").source(STUCK_CLASS, Sources.processor(STUCK_CLASS,
                "stuck", IGNORES_INTERRUPTS.replace("RELEASE", release))).service(ProcessorFactory.class, STUCK_CLASS);
        PluginJarBuilder healthy = PluginJarBuilder.plugin("healthy")
                .processor("com.example.healthy.Healthy", "healthy");
        for (int i = 0; i < threads; i++) {
            stuck.withId(String.format("a-stuck%02d", i)).buildJar(plugins);
            healthy.withId(String.format("b-healthy%02d", i)).buildJar(plugins);
            healthy.withId(String.format("c-later%02d", i)).dependencies(String.format("b-healthy%02d", i))
                    .buildJar(plugins);
        }

        try (PluginPlatform platform = platform(new RecordingLoaders(), DEADLINE)) {
            List<PluginInfo> infos = assertTimeoutPreemptively(BOUND, platform::start);

            assertThat(infos).filteredOn(info -> info.id().startsWith("a-stuck")).hasSize(threads)
                    .allSatisfy(info -> assertThat(info.problems()).extracting(Problem::code)
                            .containsExactly(ProblemCode.START_TIMEOUT));
            assertThat(infos).filteredOn(info -> !info.id().startsWith("a-stuck")).hasSize(2 * threads)
                    .allSatisfy(info -> assertThat(info.state()).as(info.id() + " " + info.problems())
                            .isEqualTo(PluginState.STARTED));
            assertThat(platform.abandoned()).hasSize(threads);
        }
    }

    @Test
    void interruptingTheCallerGivesUpTheRunningStartsAndKeepsTheInterrupt() throws InterruptedException {
        PluginJarBuilder.plugin("stuck").source(STUCK_CLASS, Sources.processor(STUCK_CLASS, "stuck",
                IGNORES_INTERRUPTS.replace("RELEASE", release))).service(ProcessorFactory.class, STUCK_CLASS)
                .buildJar(plugins);
        PluginJarBuilder.plugin("healthy").processor("com.example.healthy.Healthy", "healthy").buildJar(plugins);
        PluginPlatform platform = platform(new RecordingLoaders(), PluginPlatform.DEFAULT_START_DEADLINE);
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                platform.start();
            } catch (RuntimeException e) {
                thrown.set(e);
                interruptKept.set(Thread.currentThread().isInterrupted());
            }
        }, "test-start-caller");

        caller.start();
        await(() -> Thread.getAllStackTraces().entrySet().stream().anyMatch(thread -> thread.getKey().getName()
                .startsWith(START_THREAD) && Stream.of(thread.getValue())
                .anyMatch(frame -> frame.getClassName().equals(STUCK_CLASS))), "the stuck plugin's code runs");
        caller.interrupt();
        caller.join(BOUND.toMillis());

        assertThat(caller.isAlive()).as("start() returned without waiting for the 60 s deadline").isFalse();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("interrupted while starting plugins").hasMessageContaining("[stuck]")
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(interruptKept).isTrue();
        assertThat(platform.abandoned()).extracting(AbandonedThread::pluginId).containsExactly("stuck");
        assertTimeoutPreemptively(BOUND, platform::close);
    }

    @Test
    void theDeadlineCountsFromWhenAPluginBeginsNotWhileItWaitsForAStartThread() {
        // The start pool has max(2, cores) threads; six rounds of 200 ms would pass a 1 s deadline counted
        // from the moment the plugins were queued.
        int count = 6 * Math.max(2, Runtime.getRuntime().availableProcessors());
        PluginJarBuilder slow = PluginJarBuilder.plugin("slow").source("com.example.slow.Slow",
                Sources.processor("com.example.slow.Slow", "slow",
                        "public Slow() throws InterruptedException { Thread.sleep(200); }"))
                .service(ProcessorFactory.class, "com.example.slow.Slow");
        for (int i = 0; i < count; i++) {
            slow.withId(String.format("slow%02d", i)).buildJar(plugins);
        }

        try (PluginPlatform platform = platform(new RecordingLoaders(), Duration.ofSeconds(1))) {
            List<PluginInfo> infos = assertTimeoutPreemptively(BOUND.multipliedBy(3), platform::start);

            assertThat(infos).hasSize(count).allSatisfy(info -> assertThat(info.state())
                    .as(info.id() + " " + info.problems()).isEqualTo(PluginState.STARTED));
            assertThat(platform.abandoned()).isEmpty();
        }
    }

    static Stream<Object[]> deadlines() {
        return Stream.of(new Object[] {"300 ms", DEADLINE, PluginState.FAILED},
                new Object[] {"the 60 s default", null, PluginState.STARTED});
    }

    @ParameterizedTest(name = "a plugin that takes 700 ms to start, with {0}")
    @MethodSource("deadlines")
    void thePlatformUsesTheDeadlineItWasGivenAndSixtySecondsByDefault(String name, Duration deadline,
            PluginState expected) {
        PluginJarBuilder.plugin("slow").source("com.example.slow.Slow", Sources.processor("com.example.slow.Slow",
                "slow", "public Slow() throws InterruptedException { Thread.sleep(700); }"))
                .service(ProcessorFactory.class, "com.example.slow.Slow").buildJar(plugins);

        try (PluginPlatform platform = deadline == null ? new PluginPlatform(plugins, PluginSelection.all())
                : new PluginPlatform(plugins, PluginSelection.all(), deadline)) {
            PluginInfo slow = assertTimeoutPreemptively(BOUND, platform::start).get(0);

            assertThat(slow.state()).as(slow.problems().toString()).isEqualTo(expected);
            assertThat(slow.problems()).extracting(Problem::code).containsExactlyElementsOf(
                    expected == PluginState.FAILED ? List.of(ProblemCode.START_TIMEOUT) : List.of());
        }
        assertThat(PluginPlatform.DEFAULT_START_DEADLINE).isEqualTo(Duration.ofSeconds(60));
    }

    static Stream<Duration> badDeadlines() {
        return Stream.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofDays(1).plusMillis(1));
    }

    @ParameterizedTest
    @MethodSource("badDeadlines")
    void aDeadlineOutsideOneMillisecondToOneDayIsRefusedWithTheValueAndTheKeyToSet(Duration deadline) {
        assertThatThrownBy(() -> new PluginPlatform(plugins, PluginSelection.all(), deadline))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plugin start deadline " + deadline.toMillis() + " ms")
                .hasMessageContaining("1 ms").hasMessageContaining("86400000 ms")
                .hasMessageContaining("runtime.timeouts.createMillis");
    }

    private PluginPlatform platform(PluginClassLoaderFactory loaders, Duration deadline) {
        return new PluginPlatform(() -> PluginArchive.list(plugins), plugins, PluginSelection.all(), loaders,
                PluginPlatform.discoveryThreads(), "the plugin '{id}' to the plugins folder", true, deadline);
    }

    /** The standard loaders, remembered by plugin id so that the test can see whether each was closed. */
    private static final class RecordingLoaders implements PluginClassLoaderFactory {

        private final Map<String, PatchbayClassLoader> byId = new ConcurrentHashMap<>();

        @Override
        public PatchbayClassLoader create(org.pf4j.PluginManager manager, org.pf4j.PluginDescriptor descriptor,
                List<Path> roots, List<PatchbayClassLoader.DependencyLink> dependencies) {
            PatchbayClassLoader loader = PluginClassLoaderFactory.standard().create(manager, descriptor, roots,
                    dependencies);
            byId.put(descriptor.getPluginId(), loader);
            return loader;
        }

        PatchbayClassLoader of(String id) {
            return byId.get(id);
        }
    }

    private List<ILoggingEvent> warnings() {
        return appender.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .filter(event -> event.getFormattedMessage().contains("cannot be freed")).toList();
    }

    private static String classFile(String className) {
        return className.replace('.', '/') + ".class";
    }

    private static List<String> liveStartThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(START_THREAD)).toList();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting until " + what).isLessThan(deadline);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
