package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry under concurrent reads and writes, and class loader unloading on close. */
class PluginConcurrencyAndUnloadingTest {

    private static final int PLUGINS = 12;

    @TempDir
    Path plugins;

    private static final Map<PluginState, Integer> ORDER = new EnumMap<>(Map.of(PluginState.DISABLED, 0,
            PluginState.RESOLVED, 1, PluginState.FAILED, 2, PluginState.STARTED, 2, PluginState.STOPPED, 3));

    @Test
    void registryIsConsistentUnderConcurrentReadsWhileStartAndCloseRun() throws Exception {
        PluginJarBuilder template = PluginJarBuilder.plugin("c").processor("com.example.cc.Factory", "factory");
        for (int i = 0; i < PLUGINS; i++) {
            template.withId(String.format("c%02d", i)).buildJar(plugins);
        }
        PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all());
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(8,
                runnable -> new Thread(runnable, "registry-reader-" + threadCount.incrementAndGet()));
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch reading = new CountDownLatch(8);
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int r = 0; r < 8; r++) {
                futures.add(readers.submit(() -> {
                    reading.countDown();
                    Map<String, PluginState> lastSeen = new java.util.HashMap<>();
                    while (!done.get()) {
                        List<PluginInfo> snapshot = platform.plugins();
                        if (!snapshot.isEmpty() && snapshot.size() != PLUGINS) {
                            violations.add("snapshot of " + snapshot.size() + " plugins");
                        }
                        for (int i = 1; i < snapshot.size(); i++) {
                            if (snapshot.get(i - 1).id().compareTo(snapshot.get(i).id()) > 0) {
                                violations.add("not in id order: " + snapshot);
                            }
                        }
                        for (PluginInfo info : snapshot) {
                            PluginState previous = lastSeen.put(info.id(), info.state());
                            if (previous != null && ORDER.get(info.state()) < ORDER.get(previous)) {
                                violations.add(info.id() + " went back from " + previous + " to " + info.state());
                            }
                            Optional<LoadedExtension> extension =
                                    platform.extension(info.id(), ExtensionKind.PROCESSOR, "factory");
                            if (extension.isPresent() && !extension.get().pluginId().equals(info.id())) {
                                violations.add("extension of " + info.id() + " belongs to " + extension.get().pluginId());
                            }
                            Optional<PluginInfo> single = platform.plugin(info.id());
                            if (single.isEmpty()) {
                                violations.add(info.id() + " vanished");
                            }
                        }
                        reads.incrementAndGet();
                    }
                    return null;
                }));
            }
            reading.await();
            ExecutorService writers = Executors.newFixedThreadPool(3,
                    runnable -> new Thread(runnable, "registry-writer-" + threadCount.incrementAndGet()));
            try {
                List<Future<List<PluginInfo>>> discovered = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    discovered.add(writers.submit(platform::discover));
                }
                for (Future<List<PluginInfo>> future : discovered) {
                    assertThat(future.get()).hasSize(PLUGINS);
                }
                List<Future<List<PluginInfo>>> started = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    started.add(writers.submit(platform::start));
                }
                for (Future<List<PluginInfo>> future : started) {
                    assertThat(future.get()).allSatisfy(info -> assertThat(info.state()).isEqualTo(PluginState.STARTED));
                }
            } finally {
                writers.shutdown();
                assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
            platform.close();
        } finally {
            done.set(true);
            readers.shutdown();
            assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<?> future : futures) {
            future.get();
        }
        assertThat(violations).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(platform.plugins()).allSatisfy(info -> assertThat(info.state()).isEqualTo(PluginState.STOPPED));
    }

    @Test
    void closedPluginsClassLoaderBecomesUnreachable() throws Exception {
        PluginJarBuilder.plugin("gone").processor("com.example.gone.Factory", "factory").buildZip(plugins);
        PluginJarBuilder.plugin("after").dependencies("gone").processor("com.example.after.Factory", "factory")
                .buildJar(plugins);
        PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all());
        List<WeakReference<ClassLoader>> loaders = startAndReferenceLoaders(platform);

        platform.close();

        for (int attempt = 0; attempt < 50 && loaders.stream().anyMatch(ref -> ref.get() != null); attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(loaders).allSatisfy(ref -> assertThat(ref.get()).as("class loader still reachable").isNull());
        assertThat(platform.plugins()).allSatisfy(info -> assertThat(info.state()).isEqualTo(PluginState.STOPPED));
    }

    private static List<WeakReference<ClassLoader>> startAndReferenceLoaders(PluginPlatform platform) {
        platform.start();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        for (String id : List.of("gone", "after")) {
            LoadedExtension extension = platform.extension(id, ExtensionKind.PROCESSOR, "factory").orElseThrow();
            // use the factory once, as a pipeline would
            extension.factory().settings();
            loaders.add(new WeakReference<>(extension.factory().getClass().getClassLoader()));
        }
        return loaders;
    }
}
