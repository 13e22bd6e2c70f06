package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugins info} shows a processor's {@code @Sequential}, read without running its code. */
class PluginsInfoParallelTest {

    @TempDir
    Path home;

    private void writePlugin() throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        String serial = Sources.processor("com.example.tally.Tally", "tally", "")
                .replace("@Extension(name = \"tally\"", "@dev.patchbay.api.Sequential @Extension(name = \"tally\"");
        PluginJarBuilder.plugin("tally").source("com.example.tally.Tally", serial)
                .source("com.example.tally.Pass", Sources.processor("com.example.tally.Pass", "pass", ""))
                .service(ProcessorFactory.class, "com.example.tally.Tally", "com.example.tally.Pass")
                .buildJar(plugins);
    }

    @Test
    void textSaysThatTheProcessorRunsOnOneWorker() throws IOException {
        writePlugin();

        CliRun result = CliRun.in(home, "plugins", "info", "tally");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("processor tally/tally: Test processor tally\n    parallel: no "
                + "(@Sequential: a pipeline using it runs its processors on one worker)");
        assertThat(result.out()).doesNotContain("processor tally/pass: Test processor pass\n    parallel:");
    }

    @Test
    void jsonHasTheParallelFlagOfEachProcessor() throws IOException {
        writePlugin();

        JsonNode info = CliRun.in(home, "plugins", "info", "tally", "--json").json();

        Map<String, Boolean> parallel = new HashMap<>();
        info.get("extensions").forEach(e -> parallel.put(e.get("name").asText(), e.get("parallel").asBoolean()));
        assertThat(parallel).containsOnly(Map.entry("tally", false), Map.entry("pass", true));
    }
}
