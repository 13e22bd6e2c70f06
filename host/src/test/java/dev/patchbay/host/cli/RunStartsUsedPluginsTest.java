package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code patchbay run} starts only the plugins of the pipelines it runs, with their dependencies: a plugin whose
 * factory's static initialiser writes a marker file leaves none unless a selected pipeline uses it.
 */
class RunStartsUsedPluginsTest {

    @TempDir
    Path home;

    private Path marker;
    private Path helperMarker;

    @BeforeEach
    void homeWithAUsedPluginItsDependencyAndTheMarkerPlugin() throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        marker = home.resolve("marker.pid");
        helperMarker = home.resolve("helper.ran");
        MarkerPlugin.plugin(marker, "").buildJar(plugins);
        String helper = "com.example.helper.Probe";
        PluginJarBuilder.plugin("helper").source(helper, Sources.processor(helper, "probe", """
                static {
                    try {
                        java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                """.formatted(helperMarker.toAbsolutePath().toString().replace("\\", "\\\\"))))
                .service(ProcessorFactory.class, helper).buildJar(plugins);
        PluginJarBuilder.plugin("plain").dependencies("helper")
                .source("com.example.plain.Count", Sources.countingSource("com.example.plain.Count", "count", 3))
                .service(SourceFactory.class, "com.example.plain.Count")
                .source("com.example.plain.Discard", Sources.discardingSink("com.example.plain.Discard", "discard"))
                .service(SinkFactory.class, "com.example.plain.Discard").buildJar(plugins);
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/patchbay.json"), """
                {"pipelines": {
                  "probed": {"source": {"use": "marker/count"},
                    "processors": [{"use": "marker/probe", "settings": {"threshold": 5}}],
                    "sink": {"use": "marker/discard"}},
                  "plain": {"source": {"use": "plain/count"}, "sink": {"use": "plain/discard"}}}}
                """);
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    @Test
    void aPipelineSubsetStartsOnlyItsPluginsAndTheirDependencies() {
        CliRun run = CliRun.in(home, "run", "--pipeline", "plain");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RunCommand.EXIT_OK);
        assertThat(marker).as("the marker plugin's code ran, though no selected pipeline uses it").doesNotExist();
        assertThat(helperMarker).as("the dependency of a used plugin started").exists();
    }

    @Test
    void everySelectedPipelinesPluginsStart() {
        CliRun run = CliRun.in(home, "run");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RunCommand.EXIT_OK);
        assertThat(marker).exists();
        assertThat(helperMarker).exists();
    }

    @Test
    void aPluginNoPipelineUsesIsListedResolvedAndItsCodeNeverRuns() throws IOException {
        Files.writeString(home.resolve("config/patchbay.json"), """
                {"pipelines": {"plain": {"source": {"use": "plain/count"}, "sink": {"use": "plain/discard"}}}}
                """);

        CliRun run = CliRun.in(home, "run");
        CliRun list = CliRun.in(home, "plugins", "list");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RunCommand.EXIT_OK);
        assertThat(marker).doesNotExist();
        assertThat(list.out()).containsPattern("marker\\s+1\\.0\\.0\\s+RESOLVED");
    }
}
