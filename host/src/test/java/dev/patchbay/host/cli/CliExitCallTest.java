package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PB-PLUGIN-019 through the commands: {@code plugins verify}, {@code plugins list}, {@code config check}. */
class CliExitCallTest {

    private static final String CLI = """
            package com.acme.geo;

            public final class Cli {
                public static void main(String[] args) {
                    System.exit(args.length);
                }
            }
            """;

    @TempDir
    Path home;

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private CliRun run(String... args) {
        return CliRun.in(home, args);
    }

    private Path geo(Path directory) throws IOException {
        return PluginJarBuilder.plugin("geo").version("1.2.0").processor("com.acme.geo.Factory", "geo")
                .source("com.acme.geo.Cli", CLI).buildJar(Files.createDirectories(directory));
    }

    private void writeConfig(String json) throws IOException {
        Path file = Files.createDirectories(home.resolve("config")).resolve("patchbay.json");
        Files.writeString(file, json.replace('\'', '"'));
    }

    @Test
    void verifyJsonShowsTheCodeAndHowToAllowTheCallAndExitsOne() throws IOException {
        Path jar = geo(home.resolve("incoming"));

        CliRun result = run("plugins", "verify", jar.toString(), "--json");

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.PROBLEMS);
        JsonNode archive = result.json().get("archives").get(0);
        assertThat(archive.get("state").asText()).isEqualTo("FAILED");
        JsonNode problem = archive.get("problems").get(0);
        assertThat(problem.get("code").asText()).isEqualTo("PB-PLUGIN-019");
        assertThat(problem.get("message").asText()).isEqualTo("plugin 'geo' 1.2.0 (geo.jar) calls"
                + " java.lang.System.exit in class com.acme.geo.Cli; a plugin that ends the JVM takes every pipeline"
                + " down with it; remove the call, or, if you trust it, allow it with \"plugins\": {\"allowExit\":"
                + " [\"geo\"]} in the configuration");
    }

    @Test
    void theConfiguredAllowanceReachesThePlatform() throws IOException {
        geo(home.resolve("plugins"));

        String refused = state(run("plugins", "list", "--json", "--start").json(), "geo");
        writeConfig("{'plugins': {'allowExit': ['geo']}}");
        String allowed = state(run("plugins", "list", "--json", "--start").json(), "geo");

        assertThat(refused).isEqualTo("FAILED");
        assertThat(allowed).isEqualTo("STARTED");
    }

    @Test
    void configCheckWarnsAboutAnAllowedIdThatIsNotInstalled() throws IOException {
        geo(home.resolve("plugins"));
        writeConfig("{'plugins': {'allowExit': ['geo', 'ghost']}}");

        CliRun result = run("config", "check", "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        List<JsonNode> warnings = CliTest.pluginWarnings(result.json());
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).get("path").asText()).isEqualTo("$.plugins.allowExit");
        assertThat(warnings.get(0).get("message").asText())
                .startsWith("plugins.allowExit names \"ghost\" but no plugin with that id is installed");
        assertThat(warnings.get(0).get("fix").asText()).contains("installed ids: geo");
    }

    private static String state(JsonNode document, String id) {
        JsonNode plugins = document.get("plugins");
        return Stream.iterate(0, i -> i < plugins.size(), i -> i + 1).map(plugins::get)
                .filter(p -> p.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + id + " in " + document)).get("state").asText();
    }
}
