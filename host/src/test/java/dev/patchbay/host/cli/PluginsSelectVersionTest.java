package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code plugins enable|disable ID@VERSION}: one version of a plugin, in the configuration file. */
class PluginsSelectVersionTest {

    private static final String ONE_PIPELINE = """
            {
              "logging": { "level": "WARN" },
              "plugins": { "disabled": [%s] },
              "pipelines": {
                "people": {
                  "source": { "use": "files/csv-source" },
                  "sink": { "use": "console/print" }
                }
              }
            }
            """;

    @TempDir
    Path home;

    private Path config;

    @BeforeEach
    void installed() throws IOException {
        PluginJars.plugin(home.resolve("plugins"), "files", "1.0.0");
        PluginJars.plugin(home.resolve("plugins"), "console", "1.0.0");
        config = home.resolve("config/patchbay.json");
        Files.createDirectories(config.getParent());
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private void disabled(String entries) throws IOException {
        Files.writeString(config, ONE_PIPELINE.formatted(entries));
    }

    @ParameterizedTest(name = "{0} {1} with disabled [{2}] gives [{3}]")
    @CsvSource(delimiter = '|', value = {
        "disable | console@1.0.0 | \"files@1.0.0\"                 | \"files@1.0.0\", \"console@1.0.0\"",
        "enable  | files@1.0.0   | \"files@1.0.0\", \"console\"     | \"console\"",
        "enable  | files         | \"files@1.0.0\"                 | ''",
        "disable | files         | \"files@1.0.0\"                 | \"files\""
    })
    void editsTheEntryOfThatVersion(String verb, String entry, String before, String after) throws IOException {
        disabled(before);

        // The pipeline uses every plugin here; --force keeps the test on the edit itself.
        CliRun result = verb.equals("disable") ? CliRun.in(home, "plugins", verb, entry, "--force")
                : CliRun.in(home, "plugins", verb, entry);

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(Files.readString(config)).contains("\"disabled\": [" + after.replace("''", "") + "]");
    }

    @Test
    void disablingTheOnlyVersionAPipelineUsesIsRefusedNamingIt() throws IOException {
        disabled("");

        CliRun result = CliRun.in(home, "plugins", "disable", "console@1.0.0");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("plugin 'console' 1.0.0 is needed by 1 configured pipeline, which no other"
                + " enabled version satisfies: pipeline 'people' (sink console/print)", "--force");
        assertThat(Files.readString(config)).isEqualTo(ONE_PIPELINE.formatted(""));
    }

    @Test
    void anUnknownVersionNamesTheInstalledOnes() throws IOException {
        disabled("");

        CliRun result = CliRun.in(home, "plugins", "disable", "files@1.0.1");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("plugin 'files' has no version '1.0.1' in the plugins folder",
                "did you mean 'files@1.0.0'?", "installed: files@1.0.0");
    }
}
