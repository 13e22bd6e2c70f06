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
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that leaves a ThreadLocal on the stage thread that created its processor (a value holding its own
 * instance, so its class and loader) does not keep its old load after a swap: every swap runs the stages on new
 * threads, and the old threads, with their ThreadLocals, end.
 */
class SwapThreadLocalTest {

    private static final String FLOW = "\"flow\": {\"source\": {\"use\": \"basics/endless\"}, \"processors\": "
            + "[{\"use\": \"relay/pass\"}], \"sink\": {\"use\": \"basics/drop\"}, \"batchSize\": 50, "
            + "\"lingerMillis\": 5}";

    @TempDir
    Path dir;

    @Test
    void aThreadLocalLeftOnAStageThreadDoesNotKeepTheOldLoadAfterASwap() throws Exception {
        HostHome home = new HostHome(dir);
        String code = Sources.processor("com.example.relay.Pass", "pass",
                "static final ThreadLocal<Object> HELD = new ThreadLocal<>();").replace(
                "return (record, out) -> out.emit(record);", "HELD.set(this);\n"
                        + "        return (record, out) -> out.emit(record);");
        PluginJarBuilder.plugin("relay").source("com.example.relay.Pass", code)
                .service(ProcessorFactory.class, "com.example.relay.Pass").buildJar(dir.resolve("plugins"));
        PatchbayConfig config = home.config("", FLOW);
        AtomicReference<ExtensionCatalog> platform = new AtomicReference<>();
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE, platform::set)) {
            host.start();
            await("it runs", () -> pipelineOf(host, "flow").stages().get(2).in() > 100);

            WeakReference<ClassLoader> old = reload(host, platform.get());

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (old.get() != null && System.nanoTime() < deadline) {
                System.gc();
                // Lets reference processing finish before the next look; bounded by the deadline.
                Thread.sleep(10);
            }
            assertThat(old.get()).as("the old load's class loader, held only by the old stage thread's ThreadLocal")
                    .isNull();
            host.shutdown("the test is done");
            host.finish(host.awaitShutdown());
        }
    }

    /** Reloads relay and waits until the pipeline writes on the new load; a method of its own, so no frame keeps it. */
    private static WeakReference<ClassLoader> reload(Host host, ExtensionCatalog catalog) throws Exception {
        WeakReference<ClassLoader> old = new WeakReference<>(catalog.extension("relay", ExtensionKind.PROCESSOR,
                "pass").orElseThrow().scope().classLoader());
        host.reloadPlugin("relay");
        await("it swapped", () -> pipelineOf(host, "flow").lastSwap() != null
                && pipelineOf(host, "flow").state().equals("RUNNING"));
        long swapped = pipelineOf(host, "flow").stages().get(2).in();
        await("it writes on the new load", () -> pipelineOf(host, "flow").stages().get(2).in() > swapped);
        return old;
    }
}
