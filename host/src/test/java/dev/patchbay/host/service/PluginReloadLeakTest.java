package dev.patchbay.host.service;

import static dev.patchbay.host.testing.HostHome.await;
import static dev.patchbay.host.testing.HostHome.pipelineOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.testing.ClassMemory;
import dev.patchbay.host.testing.HostHome;
import dev.patchbay.host.testing.LogLines;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak test of issue 11: one plugin ({@code relay}, the processor of pipeline {@code a}) is reloaded
 * {@value #RELOADS} times through {@link Host#reloadPlugin(String)} while pipeline {@code b}, which uses other
 * plugins only, runs throughout. Every old load's class loader must be collected, and the loaded classes and
 * metaspace must come back to within a small bound of the figures after the first reload.
 *
 * <p>The bounds. The weak references are the sharp check: one kept loader fails the test. One load of {@code relay}
 * defines about 2.2 classes (its factory and its processor lambda's class are two), so a leak of all 99 loads after
 * the baseline added 220 classes when the loaders were kept on purpose, against about 20 in a clean run (what a JVM
 * loads once over a long run: JIT, reflection, the first time a host path runs).
 * {@value #CLASS_BOUND} classes is over twice the clean growth and fails a leak of about a quarter of the loads.
 * Metaspace is the blunt check: a clean run grows it by about 1 MiB (most likely the method profiles and counters
 * of the host's own code, kept in metaspace, which grow as more of it gets hot), and kept loaders of this small
 * plugin add only about 2.6 KiB each, so {@value #METASPACE_BOUND} bytes catches a leak of big plugins or of many
 * more loads, not of a few small ones. The figures are in design/PERFORMANCE.md, "Reloading one plugin 100 times".
 */
class PluginReloadLeakTest {

    static final int RELOADS = 100;
    static final int CLASS_BOUND = 50;
    static final long METASPACE_BOUND = 2 * 1024 * 1024;
    /** The logger of the platform's unload of a retired load (a package-private class). */
    static final String UNLOADER = "dev.patchbay.host.plugin.PluginUnloader";
    private static final Duration COLLECTED_WITHIN = Duration.ofSeconds(20);

    private static final String PIPELINES = "\"a\": {\"source\": {\"use\": \"basics/endless\"}, \"processors\": "
            + "[{\"use\": \"relay/pass\"}], \"sink\": {\"use\": \"basics/drop\"}, \"batchSize\": 50, "
            + "\"lingerMillis\": 5}, "
            + "\"b\": {\"source\": {\"use\": \"basics/endless\"}, \"processors\": [], "
            + "\"sink\": {\"use\": \"spare/sink\"}, \"batchSize\": 50, \"lingerMillis\": 5}";

    @TempDir
    Path dir;

    @Test
    void reloadingOnePluginAHundredTimesWhileAnotherPipelineRunsLeavesNoLoaderClassOrMetaspaceBehind()
            throws Exception {
        HostHome home = new HostHome(dir);
        PluginJarBuilder.plugin("relay").version("1.0.0").processor("com.example.relay.Pass", "pass")
                .buildJar(dir.resolve("plugins"));
        PatchbayConfig config = home.config("", PIPELINES);
        AtomicReference<ExtensionCatalog> platform = new AtomicReference<>();
        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();
        try (LogLines unloaded = LogLines.capture(UNLOADER);
                Host host = home.open(config, PipelineRuntime.Mode.SERVE, platform::set)) {
            ExtensionCatalog catalog = platform.get();
            host.start();
            await("both pipelines run", () -> written(host, "a") > 200 && written(host, "b") > 200);

            oldLoaders.add(reloadOnce(host, catalog));
            ClassMemory.Figures baseline = afterCollections(oldLoaders);
            long bBefore = written(host, "b");
            long started = System.nanoTime();
            List<Long> bDuring = new ArrayList<>();
            for (int i = 1; i < RELOADS; i++) {
                oldLoaders.add(reloadOnce(host, catalog));
                bDuring.add(written(host, "b"));
            }
            long reloadNanos = System.nanoTime() - started;
            ClassMemory.Figures after = afterCollections(oldLoaders);
            ClassMemory.Figures growth = after.minus(baseline);
            System.out.printf("leak test: baseline %s; after %d reloads %s; growth %s; %d old loaders collected;"
                    + " %d reloads in %d ms, %.1f ms each%n", baseline, RELOADS, after, growth, oldLoaders.size(),
                    RELOADS - 1, reloadNanos / 1_000_000, reloadNanos / 1e6 / (RELOADS - 1));

            assertThat(growth.loadedClasses()).as("classes added since the first reload (%s -> %s)", baseline, after)
                    .isLessThanOrEqualTo(CLASS_BOUND);
            assertThat(growth.metaspaceBytes()).as("metaspace added since the first reload (%s -> %s)", baseline,
                    after).isLessThanOrEqualTo(METASPACE_BOUND);
            assertThat(bDuring).as("pipeline b's written count never falls").isSorted();
            assertThat(List.of(bBefore, bDuring.get(bDuring.size() / 2), bDuring.get(bDuring.size() - 1)))
                    .as("pipeline b writes in each half of the reloads").doesNotHaveDuplicates().isSorted();
            assertThat(pipelineOf(host, "b").restarts()).as("pipeline b was never swapped or restarted").isZero();
            assertThat(unloaded.lines()).as("one INFO line per unloaded load").hasSize(RELOADS)
                    .doesNotHaveDuplicates()
                    .allSatisfy(line -> assertThat(line).startsWith("INFO plugin=relay plugin 'relay' 1.0.0 (load ")
                            .endsWith(") unloaded: no pipeline uses it any more"));

            host.shutdown("the test is done");
            RunSummary summary = host.finish(host.awaitShutdown());
            for (RunSummary.PipelineSummary pipeline : summary.pipelines()) {
                assertThat(pipeline.state()).as("pipeline %s", pipeline.name()).isEqualTo("STOPPED");
                assertThat(pipeline.uncommittedRecords()).as("pipeline %s", pipeline.name()).isZero();
                // The source counts 1, 2, 3...; its checkpoint is the next number: every number before it written once.
                assertThat(last(pipeline).in()).as("pipeline %s wrote each record once", pipeline.name())
                        .isEqualTo(Long.parseLong(pipeline.committedPosition()) - 1);
            }
        }
    }

    /**
     * Reloads {@code relay} and waits until pipeline a runs on the new load and writes through it; returns a weak
     * reference to the old load's class loader. A method of its own, so that no strong reference to the old load
     * stays in the caller's frame.
     */
    private static WeakReference<ClassLoader> reloadOnce(Host host, ExtensionCatalog catalog) throws Exception {
        WeakReference<ClassLoader> old = new WeakReference<>(relay(catalog).scope().classLoader());
        long oldLoad = relay(catalog).plugin().generation();
        assertThat(host.reloadPlugin("relay")).contains("reloaded [relay 1.0.0]", "pipeline 'a'")
                .doesNotContain("pipeline 'b'");
        long newLoad = relay(catalog).plugin().generation();
        assertThat(newLoad).as("a new load").isGreaterThan(oldLoad);
        String onNewLoad = "relay' 1.0.0 (load " + newLoad + ")";
        await("pipeline a runs on load " + newLoad, () -> {
            RunSummary.PipelineSummary a = pipelineOf(host, "a");
            return a.state().equals("RUNNING") && a.lastSwap() != null
                    && a.lastSwap().substring(a.lastSwap().indexOf("->")).contains(onNewLoad);
        });
        long swapped = written(host, "a");
        await("pipeline a writes on load " + newLoad, () -> written(host, "a") > swapped);
        return old;
    }

    private static LoadedExtension relay(ExtensionCatalog catalog) {
        return catalog.extension("relay", ExtensionKind.PROCESSOR, "pass").orElseThrow();
    }

    /** Waits until every old loader is collected, then measures; fails naming how many were kept. */
    private static ClassMemory.Figures afterCollections(List<WeakReference<ClassLoader>> loaders) throws Exception {
        long deadline = System.nanoTime() + COLLECTED_WITHIN.toNanos();
        while (kept(loaders) > 0 && System.nanoTime() < deadline) {
            System.gc();
            // Lets the collector's reference processing finish before the next look; bounded by the deadline.
            Thread.sleep(10);
        }
        assertThat(kept(loaders)).as("old class loaders still reachable, of %d, after %s", loaders.size(),
                COLLECTED_WITHIN).isZero();
        return ClassMemory.afterFullGc(COLLECTED_WITHIN);
    }

    private static long kept(List<WeakReference<ClassLoader>> loaders) {
        return loaders.stream().filter(loader -> loader.get() != null).count();
    }

    private static long written(Host host, String pipeline) {
        return last(pipelineOf(host, pipeline)).in();
    }

    private static RunSummary.StageSummary last(RunSummary.PipelineSummary pipeline) {
        return pipeline.stages().get(pipeline.stages().size() - 1);
    }
}
