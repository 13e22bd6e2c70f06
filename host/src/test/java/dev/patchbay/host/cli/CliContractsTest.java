package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contracts of the plugin commands that README states: exit codes, "did you mean" for a misspelt id, and
 * a disable that would break configured pipelines.
 */
class CliContractsTest {

    @TempDir
    Path home;

    private Path config;

    @BeforeEach
    void twoPlugins() throws IOException {
        PluginJars.plugin(home.resolve("plugins"), "files", "1.0.0");
        PluginJars.plugin(home.resolve("plugins"), "transforms", "1.0.0");
        config = home.resolve("config/patchbay.json");
        Files.createDirectories(config.getParent());
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private static final String TWO_PIPELINES = """
            {
              "logging": { "level": "WARN" },
              "pipelines": {
                "people": {
                  "source": { "use": "files/csv-source", "settings": { "path": "data/people.csv" } },
                  "processors": [ { "use": "transforms/filter" } ],
                  "sink": { "use": "files/jsonl-sink", "settings": { "path": "out/people.jsonl" } }
                },
                "copy": {
                  "source": { "use": "files/text-source" },
                  "sink": { "use": "files/text-sink" },
                  "errors": { "tolerance": "all", "deadLetter": { "use": "transforms/never" } }
                }
              }
            }
            """;

    @ParameterizedTest(name = "plugins {0} fles")
    @ValueSource(strings = {"info", "enable", "disable"})
    void aMisspeltIdIsAUsageErrorThatSuggestsTheCloseMatchLikeConfigCheck(String command) {
        CliRun result = CliRun.in(home, "plugins", command, "fles");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("no plugin with id 'fles'", "did you mean 'files'?",
                "known ids: files, transforms");
    }

    @Test
    void referenceUpdateOfAMissingFileIsAUsageErrorNamingTheFile() {
        CliRun result = CliRun.in(home, "plugins", "reference", "--update", "NOPE.md");

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("cannot update the extension reference in '" + home.resolve("NOPE.md")
                + "': the file does not exist");
        assertThat(home.resolve("NOPE.md")).doesNotExist();
    }

    @Test
    void disablingAPluginThatPipelinesUseIsRefusedNamingEveryPipelineAndStageAndChangesNothing() throws IOException {
        Files.writeString(config, TWO_PIPELINES);

        CliRun result = CliRun.in(home, "plugins", "disable", "transforms");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("plugin 'transforms' is used by 2 configured pipelines: "
                        + "pipeline 'people' (processors[0] transforms/filter), "
                        + "pipeline 'copy' (errors.deadLetter transforms/never)",
                "`patchbay run` would refuse them", "--force");
        assertThat(Files.readString(config)).isEqualTo(TWO_PIPELINES);
    }

    @Test
    void forceDisablesAUsedPluginAndWarnsNamingThePipelines() throws IOException {
        Files.writeString(config, TWO_PIPELINES);

        CliRun result = CliRun.in(home, "plugins", "disable", "files", "--force");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("disabled plugin 'files' in " + config);
        assertThat(result.err()).contains("warning: plugin 'files' is used by 2 configured pipelines: "
                + "pipeline 'people' (source files/csv-source, sink files/jsonl-sink), "
                + "pipeline 'copy' (source files/text-source, sink files/text-sink)");
        assertThat(Files.readString(config)).contains("\"disabled\": [\"files\"]");
    }

    @Test
    void disablingAPluginNoPipelineUsesNeedsNoForce() throws IOException {
        Files.writeString(config, "{\"logging\": {\"level\": \"WARN\"}, \"pipelines\": {}}");

        CliRun result = CliRun.in(home, "plugins", "disable", "files");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).doesNotContain("used by");
    }

    @Test
    void disablingAnAlreadyDisabledUsedPluginChangesNothingAndNeedsNoForce() throws IOException {
        String text = TWO_PIPELINES.replace("\"logging\": { \"level\": \"WARN\" },",
                "\"logging\": { \"level\": \"WARN\" }, \"plugins\": { \"disabled\": [\"transforms\"] },");
        Files.writeString(config, text);

        CliRun result = CliRun.in(home, "plugins", "disable", "transforms");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("plugin 'transforms' is already disabled");
        assertThat(Files.readString(config)).isEqualTo(text);
    }

    @Test
    void helpOfDisableDocumentsForce() {
        CliRun result = CliRun.in(home, "plugins", "disable", "--help");

        assertThat(List.of(result.out().split("\n"))).anyMatch(line -> line.contains("--force"));
    }
}
