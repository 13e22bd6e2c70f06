package dev.patchbay.host.service;

import static dev.patchbay.host.testing.HostHome.await;
import static dev.patchbay.host.testing.HostHome.pipelineOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.cli.RunCommand;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginLoggers;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.testing.HostHome;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host starts only the plugins its pipelines use, with the versions they link; the others stay RESOLVED. In
 * serve, a new version of a used plugin that links a plugin no pipeline used yet starts both.
 */
class HostStartsUsedPluginsTest {

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

    /** The host as run and serve open it: the platform discovered, and started by the host. */
    private Host open(PatchbayConfig config, PipelineRuntime.Mode mode) throws HostException {
        return Host.open(new Host.Spec(config, config.pipelines(), List.of(), mode, "patchbay test"),
                RunCommand::openPlatform, PluginLoggers::forStage, PluginSelectionStore.NONE,
                new PrintWriter(home.err, true));
    }

    private static Map<String, PluginState> states(Host host) {
        return host.view().plugins().stream().collect(Collectors.toMap(info -> info.id() + "@" + info.version(),
                PluginInfo::state, (a, b) -> a, java.util.TreeMap::new));
    }

    @Test
    void onlyTheUsedPluginsStartAndTheOthersAreShownResolved() throws Exception {
        try (Host host = open(home.config("", FLOW), PipelineRuntime.Mode.RUN)) {
            assertThat(states(host)).as("before the pipelines start, the unused plugins are read as far as their "
                    + "manifests only").containsExactlyInAnyOrderEntriesOf(Map.of(
                    "basics@1.0.0", PluginState.STARTED, "relay@1.0.0", PluginState.STARTED));

            host.start();

            // The unused plugins are discovered on a thread of the host's own, after the pipeline's first write.
            await("the unused plugins are listed", () -> states(host).size() == 4);
            assertThat(states(host)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "basics@1.0.0", PluginState.STARTED, "relay@1.0.0", PluginState.STARTED,
                    "breaks@1.0.0", PluginState.RESOLVED, "spare@1.0.0", PluginState.RESOLVED));
            assertThat(host.view().notReady()).as("plugins no pipeline uses do not make the host unready").isEmpty();
            host.shutdown("the test is done");
            host.finish(host.awaitPipelines());
        }
    }

    @Test
    void serveStartsANewVersionOfAUsedPluginAndTheUnusedPluginItLinks() throws Exception {
        try (Host host = open(home.config("", FLOW), PipelineRuntime.Mode.SERVE)) {
            host.start();
            await("it runs on relay 1.0.0", () -> pipelineOf(host, "flow").stages().get(2).in() > 100);
            await("the unused plugins are listed", () -> states(host).containsKey("spare@1.0.0"));
            assertThat(states(host)).containsEntry("spare@1.0.0", PluginState.RESOLVED);

            relay("2.0.0").dependencies("spare@1.x").buildJar(plugins);

            await("it swapped to relay 2.0.0", () -> "2.0.0".equals(pipelineOf(host, "flow").pluginVersions().get(1))
                    && pipelineOf(host, "flow").state().equals("RUNNING"));
            assertThat(states(host)).containsEntry("relay@2.0.0", PluginState.STARTED)
                    .containsEntry("spare@1.0.0", PluginState.STARTED)
                    .containsEntry("breaks@1.0.0", PluginState.RESOLVED);
            host.shutdown("the test is done");
            host.finish(host.awaitShutdown());
        }
    }
}
