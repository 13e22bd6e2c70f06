package dev.patchbay.host.service;

import static dev.patchbay.host.testing.HostHome.await;
import static dev.patchbay.host.testing.HostHome.pipelineOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.testing.HostHome;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version a pipeline went back from (its stages failed to be created) is refused by that pipeline; once its archive
 * is removed and it is unloaded, its class loader must go too, not stay in the pipeline's list of refused versions.
 */
class RefusedVersionUnloadTest {

    private static final String FLOW = "\"flow\": {\"source\": {\"use\": \"basics/endless\"}, \"processors\": "
            + "[{\"use\": \"relay/pass\"}], \"sink\": {\"use\": \"basics/drop\"}, \"batchSize\": 50, "
            + "\"lingerMillis\": 5}";

    @TempDir
    Path dir;

    @Test
    void aRefusedVersionsClassLoaderIsCollectedOnceItsArchiveIsRemoved() throws Exception {
        HostHome home = new HostHome(dir);
        Path plugins = dir.resolve("plugins");
        PluginJarBuilder.plugin("relay").version("1.0.0").fileName("relay-1.0.0")
                .processor("com.example.relay.Pass", "pass").buildJar(plugins);
        PatchbayConfig config = home.config("", FLOW);
        AtomicReference<ExtensionCatalog> platform = new AtomicReference<>();
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE, platform::set)) {
            host.start();
            await("it runs", () -> written(host) > 200);

            String code = Sources.processor("com.example.relay.Pass", "pass", "").replace(
                    "return (record, out) -> out.emit(record);",
                    "throw new IllegalStateException(\"relay 2.0.0 cannot create its processor\");");
            PluginJarBuilder.plugin("relay").version("2.0.0").fileName("relay-2.0.0")
                    .source("com.example.relay.Pass", code).service(ProcessorFactory.class, "com.example.relay.Pass")
                    .buildJar(plugins);
            await("it went back from 2.0.0", () -> pipelineOf(host, "flow").lastSwap() != null
                    && pipelineOf(host, "flow").lastSwap().startsWith("went back")
                    && pipelineOf(host, "flow").state().equals("RUNNING"));
            WeakReference<ClassLoader> refused = loaderOf(platform.get(), "2.0.0");

            Files.delete(plugins.resolve("relay-2.0.0.jar"));
            await("2.0.0 is unloaded", () -> platform.get().plugins().stream()
                    .noneMatch(p -> p.id().equals("relay") && p.version().equals("2.0.0")));
            long before = written(host);
            await("it still writes on 1.0.0", () -> written(host) > before + 200);

            assertThat(collected(refused)).as("the refused and removed version's class loader is collected").isTrue();
            host.shutdown("the test is done");
            assertThat(host.finish(host.awaitShutdown()).pipelines().get(0).uncommittedRecords()).isZero();
        }
    }

    /** The class loader of the highest started version, which must be {@code version}; in a frame of its own. */
    private static WeakReference<ClassLoader> loaderOf(ExtensionCatalog catalog, String version) {
        var extension = catalog.extension("relay", ExtensionKind.PROCESSOR, "pass").orElseThrow();
        assertThat(extension.pluginVersion()).isEqualTo(version);
        return new WeakReference<>(extension.scope().classLoader());
    }

    private static boolean collected(WeakReference<ClassLoader> loader) throws InterruptedException {
        long deadline = System.nanoTime() + HostHome.DEADLINE_NANOS / 3;
        while (loader.get() != null && System.nanoTime() < deadline) {
            System.gc();
            // Lets the collector's reference processing finish before the next look; bounded by the deadline.
            Thread.sleep(10);
        }
        return loader.get() == null;
    }

    private static long written(Host host) {
        return pipelineOf(host, "flow").stages().get(2).in();
    }
}
