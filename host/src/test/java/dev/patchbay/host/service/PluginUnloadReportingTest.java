package dev.patchbay.host.service;

import static dev.patchbay.host.testing.HostHome.await;
import static dev.patchbay.host.testing.HostHome.pipelineOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.testing.HostHome;
import dev.patchbay.host.testing.LogLines;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a live reload in serve logs about the load it unloads: one INFO line, and, for a plugin that left a thread
 * running, a WARN line from {@code PluginUnloadCleanup} naming the thread, both with the plugin's id in the MDC.
 */
class PluginUnloadReportingTest {

    private static final String UNLOADER = "dev.patchbay.host.plugin.PluginUnloader";
    private static final String CLEANUP = "dev.patchbay.host.plugin.PluginUnloadCleanup";
    private static final String WORKER = "lingering-worker";
    private static final String FLOW = "\"flow\": {\"source\": {\"use\": \"basics/endless\"}, \"processors\": "
            + "[{\"use\": \"lingering/pass\"}], \"sink\": {\"use\": \"basics/drop\"}, \"batchSize\": 50, "
            + "\"lingerMillis\": 5}";

    /** A processor factory whose create() starts a thread that runs until it is interrupted, which nothing does. */
    private static final String LINGERING = Sources.processor("com.example.lingering.Pass", "pass", "").replace(
            "return (record, out) -> out.emit(record);", """
                    Thread worker = new Thread(() -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }, "%s");
                    worker.setDaemon(true);
                    worker.start();
                    return (record, out) -> out.emit(record);""".formatted(WORKER));

    @TempDir
    Path dir;

    @AfterEach
    void stopTheWorkers() throws InterruptedException {
        // The plugin never stops them; the test does, so that their loaders go.
        for (Thread thread : workers()) {
            thread.interrupt();
            thread.join(HostHome.DEADLINE_NANOS / 1_000_000);
        }
    }

    private static List<Thread> workers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(WORKER)).toList();
    }

    @Test
    void aLiveReloadLogsTheUnloadAtInfoAndAThreadThePluginLeftRunningAtWarnWithThePluginInTheMdc() throws Exception {
        HostHome home = new HostHome(dir);
        PluginJarBuilder.plugin("lingering").version("1.0.0").source("com.example.lingering.Pass", LINGERING)
                .service(ProcessorFactory.class, "com.example.lingering.Pass").buildJar(dir.resolve("plugins"));
        PatchbayConfig config = home.config("", FLOW);
        try (LogLines lines = LogLines.capture(UNLOADER, CLEANUP);
                Host host = home.open(config, PipelineRuntime.Mode.SERVE)) {
            host.start();
            await("it runs", () -> written(host) > 200);
            assertThat(workers()).as("the first load's thread").hasSize(1);

            host.reloadPlugin("lingering");

            await("the old load is unloaded", () -> lines.lines().stream().anyMatch(l -> l.startsWith("INFO")));
            assertThat(lines.lines()).satisfiesExactly(
                    warn -> assertThat(warn).startsWith("WARN plugin=lingering Unloaded plugin 'lingering' 1.0.0, but"
                            + " its class loader stays in memory because of 1 thread(s) still running: '" + WORKER
                            + "' at com.example.lingering.Pass.lambda$create$").contains("stop its threads"),
                    info -> assertThat(info).matches("INFO plugin=lingering plugin 'lingering' 1\\.0\\.0"
                            + " \\(load \\d+\\) unloaded: no pipeline uses it any more"));
            await("it runs on the new load", () -> pipelineOf(host, "flow").state().equals("RUNNING")
                    && pipelineOf(host, "flow").lastSwap() != null);
            long swapped = written(host);
            await("it writes on the new load", () -> written(host) > swapped);
            assertThat(workers()).as("the old load's thread, still running, and the new load's").hasSize(2);

            host.shutdown("the test is done");
            RunSummary.PipelineSummary flow = host.finish(host.awaitShutdown()).pipelines().get(0);
            assertThat(flow.state()).isEqualTo("STOPPED");
            assertThat(flow.uncommittedRecords()).isZero();
        }
    }

    private static long written(Host host) {
        return pipelineOf(host, "flow").stages().get(2).in();
    }
}
