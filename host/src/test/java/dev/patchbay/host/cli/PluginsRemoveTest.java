package dev.patchbay.host.cli;

import static dev.patchbay.host.cli.PluginInstallFixture.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code patchbay plugins remove ID[@VERSION]}: deletes archives unless a configured pipeline needs them. */
class PluginsRemoveTest {

    private static final String PIPELINES = """
            {
              "logging": { "level": "WARN" },
              "pipelines": {
                "people": {
                  "source": { "use": "files/csv-source" },
                  "processors": [ { "use": "transforms/filter" } ],
                  "sink": { "use": "files/jsonl-sink" }
                },
                "copy": {
                  "source": { "use": "files/text-source" },
                  "sink": { "use": "console/print" }
                }
              }
            }
            """;

    @TempDir
    Path home;

    private Path plugins;

    @BeforeEach
    void installed() throws IOException {
        plugins = home.resolve("plugins");
        PluginJars.plugin(plugins, "transforms", "1.0.0");
        PluginJars.plugin(plugins, "console", "1.0.0");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/patchbay.json"), PIPELINES);
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private CliRun run(String... args) {
        return CliRun.in(home, args);
    }

    @Test
    void removesEveryVersionOfAnUnusedPlugin() throws IOException {
        PluginJars.plugin(plugins, "extra", "1.0.0");
        Files.move(PluginJars.plugin(home.resolve("other"), "extra", "1.1.0"), plugins.resolve("extra-1.1.0.jar"));

        CliRun result = run("plugins", "remove", "extra");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("removed " + plugins.resolve("extra-1.0.0.jar") + "  (extra 1.0.0)",
                "removed " + plugins.resolve("extra-1.1.0.jar") + "  (extra 1.1.0)");
        assertThat(fingerprint(plugins)).containsOnlyKeys("transforms-1.0.0.jar", "console-1.0.0.jar");
    }

    @Test
    void removesOneVersionOfAnUnusedPlugin() throws IOException {
        PluginJars.plugin(plugins, "extra", "1.0.0");
        Files.move(PluginJars.plugin(home.resolve("other"), "extra", "1.1.0"), plugins.resolve("extra-1.1.0.jar"));

        CliRun result = run("plugins", "remove", "extra@1.0.0");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(fingerprint(plugins)).containsOnlyKeys("transforms-1.0.0.jar", "console-1.0.0.jar",
                "extra-1.1.0.jar");
    }

    @Test
    void refusesWhileAPipelineNeedsItNamingThePipelinesAndStages() {
        Map<String, String> before = fingerprint(plugins);

        CliRun result = run("plugins", "remove", "transforms");

        assertThat(result.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(result.err()).contains("plugin 'transforms' is needed by 1 configured pipeline: pipeline 'people'"
                + " (processors[0] transforms/filter), and no other version is installed", "--force",
                "nothing was removed");
        assertThat(fingerprint(plugins)).isEqualTo(before);
    }

    @Test
    void forceRemovesItAndSaysWhichPipelinesWillNotRun() {
        CliRun result = run("plugins", "remove", "console@1.0.0", "--force");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).contains("warning: plugin 'console' 1.0.0 is needed by 1 configured pipeline:"
                + " pipeline 'copy' (sink console/print)", "that pipeline will not run");
        assertThat(fingerprint(plugins)).containsOnlyKeys("transforms-1.0.0.jar");
    }

    @Test
    void anotherRemainingVersionKeepsAnUnpinnedStageSatisfied() throws IOException {
        Files.move(PluginJars.plugin(home.resolve("other"), "transforms", "1.1.0"),
                plugins.resolve("transforms-1.1.0.jar"));

        CliRun result = run("plugins", "remove", "transforms@1.0.0");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(fingerprint(plugins)).containsOnlyKeys("transforms-1.1.0.jar", "console-1.0.0.jar");
    }

    static Stream<Arguments> unknown() {
        return Stream.of(
                Arguments.of("transfroms", "no plugin with id 'transfroms' is installed; did you mean 'transforms'"
                        + " (1.0.0)?; installed ids: console, transforms"),
                Arguments.of("transforms@1.0.1", "plugin 'transforms' has no installed version '1.0.1'; did you mean"
                        + " 'transforms@1.0.0'?; installed versions: 1.0.0"),
                Arguments.of("zzz", "no plugin with id 'zzz' is installed; installed ids: console, transforms"));
    }

    @ParameterizedTest(name = "remove {0}")
    @MethodSource("unknown")
    void anUnknownIdOrVersionNamesTheClosestInstalledOnes(String wanted, String message) {
        Map<String, String> before = fingerprint(plugins);

        CliRun result = run("plugins", "remove", wanted);

        assertThat(result.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(result.err()).contains(message, "nothing was removed");
        assertThat(fingerprint(plugins)).isEqualTo(before);
    }
}
