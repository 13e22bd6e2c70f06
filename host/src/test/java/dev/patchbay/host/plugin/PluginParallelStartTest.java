package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Start runs level by level of the dependency order, the plugins of one level in parallel on named start
 * threads: failures stay contained to the plugin and its dependents, and no start thread outlives start().
 */
class PluginParallelStartTest {

    private static final String START_THREAD = "patchbay-plugin-start-";
    private static final int INDEPENDENT = 40;

    @TempDir
    Path plugins;

    @Test
    void manyPluginsOnSeveralLevelsStartInParallelWhileAFailureFailsOnlyItselfAndItsDependents() throws Exception {
        PluginJarBuilder independent = PluginJarBuilder.plugin("p").source("com.example.par.Factory",
                        Sources.processor("com.example.par.Factory", "factory",
                                "public final String thread = Thread.currentThread().getName();"))
                .service(ProcessorFactory.class, "com.example.par.Factory");
        for (int i = 0; i < INDEPENDENT; i++) {
            independent.withId(String.format("p%02d", i)).buildJar(plugins);
        }
        PluginJarBuilder.plugin("bomb").source("com.example.bomb.Bomb", Sources.processor("com.example.bomb.Bomb",
                "bomb", "static { if (true) { throw new IllegalStateException(\"static boom\"); } }"))
                .service(ProcessorFactory.class, "com.example.bomb.Bomb").buildJar(plugins);
        independent.withId("mid-ok").dependencies("p00, p01").buildJar(plugins);
        independent.withId("mid-bad").dependencies("p02, bomb").buildJar(plugins);
        independent.withId("top-ok").dependencies("mid-ok").buildJar(plugins);
        independent.withId("top-bad").dependencies("mid-bad").buildJar(plugins);
        independent.withId("optional-bomb").dependencies("bomb?@*, p03").buildJar(plugins);
        Map<String, PluginInfo> byId;
        List<String> factoryThreads = new ArrayList<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            platform.discover();
            // Load: readers hammer the registry while start() runs on the two cores.
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger readerCount = new AtomicInteger();
            ExecutorService readers = Executors.newFixedThreadPool(4,
                    runnable -> new Thread(runnable, "parallel-start-reader-" + readerCount.incrementAndGet()));
            List<Future<?>> reads = new ArrayList<>();
            try {
                for (int r = 0; r < 4; r++) {
                    reads.add(readers.submit(() -> {
                        while (!done.get()) {
                            for (PluginInfo info : platform.plugins()) {
                                boolean served = platform.extension(info.id(), ExtensionKind.PROCESSOR, "factory")
                                        .isPresent();
                                PluginState state = platform.plugin(info.id()).orElseThrow().state();
                                if (served && state != PluginState.STARTED && state != PluginState.STOPPED) {
                                    violations.add(info.id() + " serves an extension in state " + state);
                                }
                            }
                        }
                        return null;
                    }));
                }
                byId = platform.start().stream().collect(Collectors.toMap(PluginInfo::id, Function.identity()));
            } finally {
                done.set(true);
                readers.shutdown();
                assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
            for (Future<?> read : reads) {
                read.get();
            }
            assertThat(liveStartThreads()).isEmpty();
            for (PluginInfo info : byId.values()) {
                if (info.state() == PluginState.STARTED) {
                    Object factory = platform.extension(info.id(), ExtensionKind.PROCESSOR, "factory")
                            .orElseThrow().factory();
                    factoryThreads.add((String) factory.getClass().getField("thread").get(factory));
                }
            }
        }

        assertThat(violations).isEmpty();
        assertThat(byId).hasSize(INDEPENDENT + 6);
        for (int i = 0; i < INDEPENDENT; i++) {
            assertThat(byId.get(String.format("p%02d", i)).state()).isEqualTo(PluginState.STARTED);
        }
        assertThat(byId.get("mid-ok").state()).isEqualTo(PluginState.STARTED);
        assertThat(byId.get("top-ok").state()).isEqualTo(PluginState.STARTED);
        assertThat(byId.get("optional-bomb").state()).isEqualTo(PluginState.STARTED);
        assertThat(byId.get("bomb").problems()).extracting(Problem::code)
                .containsExactly(ProblemCode.EXTENSION_INIT_FAILED);
        assertThat(byId.get("mid-bad").problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.DEPENDENCY_FAILED);
            assertThat(problem.message()).contains("'bomb'", ProblemCode.EXTENSION_INIT_FAILED.id());
        });
        assertThat(byId.get("top-bad").problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.DEPENDENCY_FAILED);
            assertThat(problem.message()).contains("'mid-bad'", ProblemCode.DEPENDENCY_FAILED.id());
        });
        assertThat(factoryThreads).hasSize(INDEPENDENT + 3).allSatisfy(name -> assertThat(name).startsWith(START_THREAD));
        assertThat(liveStartThreads()).isEmpty();
    }

    @ParameterizedTest(name = "a chain of {0} plugins starts, one level each")
    @ValueSource(ints = {1, 2, 30})
    void aDependencyChainStartsInOrderAndLeavesNoStartThreadBehind(int length) {
        PluginJarBuilder template = PluginJarBuilder.plugin("c").processor("com.example.chain.Factory", "factory");
        for (int i = 0; i < length; i++) {
            PluginJarBuilder link = template.withId(String.format("c%02d", i));
            if (i > 0) {
                link = link.dependencies(String.format("c%02d@>=1.0.0", i - 1));
            }
            link.buildJar(plugins);
        }

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            assertThat(platform.start()).hasSize(length)
                    .allSatisfy(info -> assertThat(info.state()).isEqualTo(PluginState.STARTED));
            assertThat(liveStartThreads()).isEmpty();
            assertThat(platform.extension(String.format("c%02d", length - 1), ExtensionKind.PROCESSOR, "factory"))
                    .isPresent();
        }
        assertThat(liveStartThreads()).isEmpty();
    }

    @Test
    void aFailureAtTheRootOfAChainFailsEveryLevelAboveItWithDependencyFailed() {
        PluginJarBuilder.plugin("c00").source("com.example.root.Bomb", Sources.processor("com.example.root.Bomb",
                "bomb", "public Bomb() { throw new UnsupportedOperationException(\"ctor boom\"); }"))
                .service(ProcessorFactory.class, "com.example.root.Bomb").buildJar(plugins);
        PluginJarBuilder template = PluginJarBuilder.plugin("c").processor("com.example.chain.Factory", "factory");
        for (int i = 1; i < 6; i++) {
            template.withId(String.format("c%02d", i)).dependencies(String.format("c%02d", i - 1)).buildJar(plugins);
        }
        template.withId("bystander").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            List<PluginInfo> infos = platform.start();

            assertThat(infos).filteredOn(info -> info.id().equals("bystander"))
                    .extracting(PluginInfo::state).containsExactly(PluginState.STARTED);
            assertThat(infos).filteredOn(info -> info.id().equals("c00")).singleElement()
                    .satisfies(info -> assertThat(info.problems()).extracting(Problem::code)
                            .containsExactly(ProblemCode.EXTENSION_INIT_FAILED));
            assertThat(infos).filteredOn(info -> info.id().startsWith("c") && !info.id().equals("c00")).hasSize(5)
                    .allSatisfy(info -> assertThat(info.problems()).extracting(Problem::code)
                            .containsExactly(ProblemCode.DEPENDENCY_FAILED));
            assertThat(liveStartThreads()).isEmpty();
        }
    }

    @Test
    void startIsIdempotentAndStartsNoThreadWhenThereIsNothingToStart() {
        PluginJarBuilder.plugin("off").processor("com.example.off.Factory", "factory").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, new PluginSelection(java.util.Set.of(),
                java.util.Set.of("off")))) {
            assertThat(platform.start()).extracting(PluginInfo::state).containsExactly(PluginState.DISABLED);
            assertThat(platform.start()).extracting(PluginInfo::state).containsExactly(PluginState.DISABLED);
            assertThat(liveStartThreads()).isEmpty();
        }
    }

    private static List<String> liveStartThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(START_THREAD)).toList();
    }
}
