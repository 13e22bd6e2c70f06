package dev.patchbay.host.service;

import static dev.patchbay.host.testing.HostHome.await;
import static dev.patchbay.host.testing.HostHome.pipelineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.testing.HostHome;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live plugins in serve: a new version swaps in, a bad one is refused, a removed one is waited for, a reload. */
class HostLivePluginsTest {

    private static final String FLOW = "\"flow\": {\"source\": {\"use\": \"basics/endless\"}, \"processors\": "
            + "[{\"use\": \"relay/pass\"}], \"sink\": {\"use\": \"basics/drop\"}, \"batchSize\": 50, "
            + "\"lingerMillis\": 5}";

    @TempDir
    Path dir;

    private HostHome home;
    private Path plugins;

    @BeforeEach
    void setUp() throws Exception {
        home = new HostHome(dir);
        plugins = dir.resolve("plugins");
        relay("1.0.0").buildJar(plugins);
    }

    private static PluginJarBuilder relay(String version) {
        return PluginJarBuilder.plugin("relay").version(version).fileName("relay-" + version)
                .processor("com.example.relay.Pass", "pass");
    }

    /** A relay whose factory's create() throws: its stages cannot be created. */
    private static PluginJarBuilder brokenRelay(String version) {
        String code = Sources.processor("com.example.relay.Pass", "pass", "").replace(
                "return (record, out) -> out.emit(record);",
                "throw new IllegalStateException(\"relay " + version + " cannot create its processor\");");
        return PluginJarBuilder.plugin("relay").version(version).fileName("relay-" + version)
                .source("com.example.relay.Pass", code).service(ProcessorFactory.class, "com.example.relay.Pass");
    }

    private static String relayVersion(Host host) {
        return pipelineOf(host, "flow").pluginVersions().get(1);
    }

    private static long written(Host host) {
        return pipelineOf(host, "flow").stages().get(2).in();
    }

    @Test
    void aNewVersionIsSwappedInAtItsCheckpointABrokenOneIsRefusedAndNothingIsLostOrRepeated() throws Exception {
        PatchbayConfig config = home.config("", FLOW);
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE)) {
            host.start();
            await("it runs on 1.0.0", () -> written(host) > 200);
            assertThat(relayVersion(host)).isEqualTo("1.0.0");

            relay("1.1.0").buildJar(plugins);
            await("it swapped to 1.1.0", () -> "1.1.0".equals(relayVersion(host))
                    && pipelineOf(host, "flow").state().equals("RUNNING"));
            assertThat(pipelineOf(host, "flow").lastSwap()).contains("relay' 1.0.0", "relay' 1.1.0");
            long afterSwap = written(host);
            await("it writes on 1.1.0", () -> written(host) > afterSwap + 200);

            brokenRelay("2.0.0").buildJar(plugins);
            await("it went back from 2.0.0", () -> pipelineOf(host, "flow").lastSwap() != null
                    && pipelineOf(host, "flow").lastSwap().startsWith("went back"));
            await("it runs on 1.1.0 again", () -> "1.1.0".equals(relayVersion(host))
                    && pipelineOf(host, "flow").state().equals("RUNNING"));
            assertThat(pipelineOf(host, "flow").lastSwap()).contains("2.0.0", "cannot create its processor");
            long afterRefusal = written(host);
            await("it writes on 1.1.0 after the refusal", () -> written(host) > afterRefusal + 200);

            host.shutdown("the test is done");
            RunSummary.PipelineSummary flow = host.finish(host.awaitShutdown()).pipelines().get(0);
            assertThat(flow.state()).isEqualTo("STOPPED");
            assertThat(flow.uncommittedRecords()).isZero();
            // The source counts 1, 2, 3...; its checkpoint is the next number. Every number before it was written once.
            assertThat(flow.stages().get(2).in()).as("written exactly once each, across every swap")
                    .isEqualTo(Long.parseLong(flow.committedPosition()) - 1);
        }
    }

    @Test
    void aPinnedStageStaysOnItsVersionWhileAnUnpinnedOneMovesOn() throws Exception {
        String pinned = FLOW.replace("\"flow\"", "\"pinned\"").replace("{\"use\": \"relay/pass\"}",
                "{\"use\": \"relay/pass\", \"version\": \">=1.0.0 & <1.1.0\"}");
        PatchbayConfig config = home.config("", FLOW + ", " + pinned);
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE)) {
            host.start();
            await("both run", () -> written(host) > 200 && pipelineOf(host, "pinned").stages().get(2).in() > 200);

            relay("1.1.0").buildJar(plugins);
            await("the unpinned one swapped", () -> "1.1.0".equals(relayVersion(host))
                    && pipelineOf(host, "flow").state().equals("RUNNING"));

            RunSummary.PipelineSummary stayed = pipelineOf(host, "pinned");
            assertThat(stayed.pluginVersions().get(1)).isEqualTo("1.0.0");
            assertThat(stayed.lastSwap()).as("never drained").isNull();
            assertThat(stayed.restarts()).isZero();
            host.shutdown("the test is done");
            host.finish(host.awaitShutdown());
        }
    }

    @Test
    void aRemovedPluginIsWaitedForAndThePipelineResumesWhenItIsBack() throws Exception {
        PatchbayConfig config = home.config("", FLOW);
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE)) {
            host.start();
            await("it runs", () -> written(host) > 200);
            Path jar = plugins.resolve("relay-1.0.0.jar");
            byte[] bytes = Files.readAllBytes(jar);

            Files.delete(jar);
            await("it waits for the plugin", () -> pipelineOf(host, "flow").state().equals("WAITING_FOR_PLUGIN"));
            RunSummary.PipelineSummary waiting = pipelineOf(host, "flow");
            assertThat(waiting.waitingFor()).contains("relay/pass", "'relay'");
            assertThat(waiting.uncommittedRecords()).as("drained before waiting").isZero();
            assertThat(host.view().notReady()).isNotEmpty();

            Files.write(jar, bytes);
            await("it resumes", () -> pipelineOf(host, "flow").state().equals("RUNNING"));
            long resumed = written(host);
            await("it writes again", () -> written(host) > resumed + 200);

            host.shutdown("the test is done");
            RunSummary.PipelineSummary flow = host.finish(host.awaitShutdown()).pipelines().get(0);
            assertThat(flow.stages().get(2).in()).isEqualTo(Long.parseLong(flow.committedPosition()) - 1);
        }
    }

    @Test
    void aReloadSwapsThePipelineOntoANewLoadOfTheSameVersion() throws Exception {
        PatchbayConfig config = home.config("", FLOW);
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE)) {
            host.start();
            await("it runs", () -> written(host) > 200);

            String message = host.reloadPlugin("relay");

            assertThat(message).contains("reloaded [relay 1.0.0]", "pipeline 'flow'");
            await("it swapped", () -> pipelineOf(host, "flow").lastSwap() != null
                    && pipelineOf(host, "flow").state().equals("RUNNING"));
            assertThatThrownBy(() -> host.reloadPlugin("rely")).isInstanceOf(NoSuchPluginException.class)
                    .hasMessageContaining("did you mean 'relay'");
            host.shutdown("the test is done");
            RunSummary.PipelineSummary flow = host.finish(host.awaitShutdown()).pipelines().get(0);
            assertThat(flow.stages().get(2).in()).isEqualTo(Long.parseLong(flow.committedPosition()) - 1);
        }
    }

    @Test
    void aRunHostDoesNotReload() throws Exception {
        PatchbayConfig config = home.config("", FLOW.replace("endless", "count"));
        try (Host host = home.open(config, PipelineRuntime.Mode.RUN)) {
            assertThatThrownBy(() -> host.reloadPlugin("relay")).isInstanceOf(HostStateException.class)
                    .hasMessageContaining("only patchbay serve");
        }
    }
}
