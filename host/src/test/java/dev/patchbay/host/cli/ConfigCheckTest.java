package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.config.ConfigLocator;
import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.config.DirectoryCheck;
import dev.patchbay.host.config.PathSettings;
import dev.patchbay.host.config.WritableDirectory;
import dev.patchbay.host.config.WriteProbe;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code config check} with the production validators over real plugin jars: file-level and plugin-level
 * problems in one report, and failed plugins as warnings.
 */
class ConfigCheckTest {

    private static final String NUMBERS = """
            package demo;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "numbers", description = "Counts")
            public class Numbers implements SourceFactory {
                @Override
                public List<Setting> settings() {
                    return List.of(Setting.required("count", SettingType.LONG, "How many numbers"));
                }

                @Override
                public Source create(Settings settings, SourceContext context) {
                    throw new UnsupportedOperationException();
                }
            }
            """;

    private static final String TAGGER = """
            package demo;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "tagger", description = "Tags")
            public class Tagger implements ProcessorFactory {
                @Override
                public List<Setting> settings() {
                    return List.of();
                }

                @Override
                public Processor create(Settings settings, ExtensionContext context) {
                    return (record, out) -> out.emit(record);
                }
            }
            """;

    private static final String COLLECT = """
            package demo;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "collect", description = "Collects")
            public class Collect implements SinkFactory {
                @Override
                public List<Setting> settings() {
                    return List.of();
                }

                @Override
                public Sink create(Settings settings, ExtensionContext context) {
                    throw new UnsupportedOperationException();
                }
            }
            """;

    private static final String EXPLODING = """
            package boom;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "boom", description = "Fails in its static initialiser")
            public class Boom implements ProcessorFactory {
                static {
                    if (true) {
                        throw new IllegalStateException("static init exploded");
                    }
                }

                @Override
                public List<Setting> settings() {
                    return List.of();
                }

                @Override
                public Processor create(Settings settings, ExtensionContext context) {
                    return (record, out) -> out.emit(record);
                }
            }
            """;

    /** Two file-level problems (lines 2 and 8) and two plugin-level ones (lines 5 and 6). */
    private static final String FOUR_PROBLEMS = """
            {
              "bogus": true,
              "pipelines": {
                "demo": {
                  "source": {"use": "demo/numbers", "settings": {"count": "ten"}},
                  "processors": [{"use": "demo/taggr"}],
                  "sink": {"use": "demo/collect"},
                  "batchSize": "500"
                }
              }
            }
            """;

    @TempDir
    Path home;

    @BeforeEach
    void installDemoPlugin() throws IOException {
        PluginJarBuilder.plugin("demo").source("demo.Numbers", NUMBERS).source("demo.Tagger", TAGGER)
                .source("demo.Collect", COLLECT).service(SourceFactory.class, "demo.Numbers")
                .service(ProcessorFactory.class, "demo.Tagger").service(SinkFactory.class, "demo.Collect")
                .buildJar(Files.createDirectories(home.resolve("plugins")));
        Files.createDirectories(home.resolve("state"));
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private CliRun run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(Map.of("PATCHBAY_HOME", home.toString()), Optional.empty(), home,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Main.validators()).run(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path config(String text) throws IOException {
        return Files.writeString(Files.createDirectories(home.resolve("config")).resolve("patchbay.json"), text);
    }

    private static Stream<JsonNode> elements(JsonNode array) {
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(array::get);
    }

    /** The warnings about plugins, leaving out those about directories (which depend on the user running). */
    private static List<JsonNode> pluginWarnings(JsonNode document) {
        return elements(document.get("warnings")).filter(w -> w.get("path").asText().startsWith("$.plugins"))
                .toList();
    }

    @Test
    void fileLevelAndPluginLevelErrorsAreReportedTogetherInFileOrderAsText() throws IOException {
        Path file = config(FOUR_PROBLEMS);

        CliRun check = run("config", "check", "--start");

        assertThat(check.exit()).as(check.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(check.err()).contains("4 errors in " + file + ":");
        // The warnings that may follow (directories, as root) are not part of this test.
        String errors = check.err().substring(check.err().indexOf("4 errors in")).split("\\d+ warnings? in ")[0];
        assertThat(errors.lines().filter(line -> line.startsWith("  $")).toList()).containsExactly(
                "  $.bogus (line 2, column 3)",
                "  $.pipelines.demo.source.settings.count (line 5, column 63)",
                "  $.pipelines.demo.processors[0].use (line 6, column 30)",
                "  $.pipelines.demo.batchSize (line 8, column 20)");
        assertThat(errors).contains("unknown key \"bogus\"")
                .contains("pipeline 'demo': demo/numbers: setting 'count' expected an integer")
                .contains("plugin 'demo' has no processor named 'taggr'").contains("did you mean 'tagger'?")
                .contains("\"batchSize\"");
        assertThat(check.out()).doesNotContain("configuration OK");
    }

    @Test
    void fileLevelAndPluginLevelErrorsAreReportedTogetherInFileOrderAsJson() throws IOException {
        config(FOUR_PROBLEMS);

        CliRun check = run("config", "check", "--start", "--json");

        assertThat(check.exit()).as(check.err()).isEqualTo(ExitCodes.USAGE);
        JsonNode document = check.json();
        assertThat(document.get("valid").asBoolean()).isFalse();
        assertThat(elements(document.get("errors"))
                .map(e -> e.get("path").asText() + " " + e.get("line").asInt() + ":" + e.get("column").asInt()))
                .containsExactly("$.bogus 2:3", "$.pipelines.demo.source.settings.count 5:63",
                        "$.pipelines.demo.processors[0].use 6:30", "$.pipelines.demo.batchSize 8:20");
    }

    @Test
    void runReportsTheFileLevelErrorsAndStartsNothing() throws IOException {
        config(FOUR_PROBLEMS);

        CliRun started = run("run");

        assertThat(started.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(started.err()).contains("no pipeline was started").contains("$.bogus")
                .contains("$.pipelines.demo.batchSize");
        assertThat(started.out()).isEmpty();
    }

    @Test
    void aStageWhoseUseIsNotAStringSaysWhyItsSettingsAreNotCheckedAndTheOtherStagesStillAre() throws IOException {
        config("""
                {
                  "pipelines": {
                    "demo": {
                      "source": {"use": 7, "settings": {"count": "ten"}},
                      "processors": [{"use": "demo/taggr"}],
                      "sink": {"use": "demo/collect"}
                    }
                  }
                }
                """);

        CliRun check = run("config", "check", "--json");

        assertThat(check.exit()).isEqualTo(ExitCodes.USAGE);
        List<JsonNode> errors = elements(check.json().get("errors")).toList();
        assertThat(errors).extracting(e -> e.get("path").asText())
                .containsExactly("$.pipelines.demo.source.use", "$.pipelines.demo.processors[0].use");
        assertThat(errors.get(0).get("message").asText()).isEqualTo("\"use\" is the number 7 but must be a string");
        assertThat(errors.get(0).get("fix").asText())
                .endsWith("the stage's settings are checked against its extension once \"use\" names one");
    }

    @Test
    void settingsThatAreNotAnObjectLeaveTheUseCheckedButNotTheSettings() throws IOException {
        config("""
                {
                  "pipelines": {
                    "demo": {
                      "source": {"use": "demo/numbrs", "settings": "count=10"},
                      "sink": {"use": "demo/collect"}
                    }
                  }
                }
                """);

        CliRun check = run("config", "check", "--json");

        List<JsonNode> errors = elements(check.json().get("errors")).toList();
        assertThat(errors).extracting(e -> e.get("path").asText())
                .containsExactly("$.pipelines.demo.source.use", "$.pipelines.demo.source.settings");
        assertThat(errors.get(0).get("message").asText()).contains("has no source named 'numbrs'");
        assertThat(errors.get(1).get("fix").asText())
                .endsWith("the settings are checked against the extension once they are an object");
    }

    @Test
    void anInvalidPluginsSectionSaysWhyThePipelinesAreNotCheckedAgainstThePlugins() throws IOException {
        config("""
                {
                  "plugins": {"enabled": "demo"},
                  "pipelines": {
                    "demo": {"source": {"use": "demo/numbrs"}, "sink": {"use": "demo/collect"}}
                  }
                }
                """);

        CliRun check = run("config", "check", "--json");

        assertThat(check.exit()).isEqualTo(ExitCodes.USAGE);
        JsonNode error = check.json().get("errors").get(0);
        assertThat(check.json().get("errors")).hasSize(1);
        assertThat(error.get("path").asText()).isEqualTo("$.plugins.enabled");
        assertThat(error.get("fix").asText()).endsWith("the pipelines are checked against the installed plugins "
                + "once \"plugins\" is valid, since it decides which plugins are loaded");
    }

    @Test
    void aFailedPluginIsAWarningWithItsIdVersionArchiveAndProblem() throws IOException {
        Path archive = PluginJarBuilder.plugin("boom").version("2.1.0").source("boom.Boom", EXPLODING)
                .service(ProcessorFactory.class, "boom.Boom").buildJar(home.resolve("plugins"));
        config("{\"pipelines\": {\"demo\": {\"source\": {\"use\": \"demo/numbers\", \"settings\": {\"count\": 3}},"
                + " \"sink\": {\"use\": \"demo/collect\"}}}}");

        CliRun text = run("config", "check", "--start");
        CliRun json = run("config", "check", "--start", "--json");

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("configuration OK with ").contains(" warning")
                .doesNotStartWith("configuration OK:");
        assertThat(text.err()).contains("plugin 'boom' 2.1.0 (" + archive + ") is FAILED: PB-PLUGIN-013")
                .contains("static init exploded");
        assertThat(json.exit()).isZero();
        assertThat(json.json().get("valid").asBoolean()).isTrue();
        List<JsonNode> warnings = pluginWarnings(json.json());
        assertThat(warnings).hasSize(1);
        JsonNode warning = warnings.get(0);
        assertThat(warning.get("message").asText()).startsWith("plugin 'boom' 2.1.0 (" + archive + ") is FAILED:");
        assertThat(warning.get("fix").asText()).contains("patchbay plugins info boom")
                .contains("patchbay plugins disable boom");
        JsonNode plugin = warning.get("plugin");
        assertThat(plugin.get("id").asText()).isEqualTo("boom");
        assertThat(plugin.get("version").asText()).isEqualTo("2.1.0");
        assertThat(plugin.get("file").asText()).isEqualTo(archive.toString());
        assertThat(plugin.get("state").asText()).isEqualTo("FAILED");
        assertThat(plugin.get("problems").get(0).get("code").asText()).isEqualTo("PB-PLUGIN-013");
        assertThat(plugin.get("problems").get(0).get("message").asText()).contains("static init exploded");
    }

    @Test
    void aFailedPluginThatAPipelineUsesIsAnErrorOfThatPipelineAndStillAWarning() throws IOException {
        PluginJarBuilder.plugin("boom").source("boom.Boom", EXPLODING).service(ProcessorFactory.class, "boom.Boom")
                .buildJar(home.resolve("plugins"));
        config("{\"pipelines\": {\"demo\": {\"source\": {\"use\": \"demo/numbers\", \"settings\": {\"count\": 3}},"
                + " \"processors\": [{\"use\": \"boom/boom\"}], \"sink\": {\"use\": \"demo/collect\"}}}}");

        CliRun json = run("config", "check", "--start", "--json");

        assertThat(json.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(json.json().get("errors")).singleElement()
                .satisfies(e -> assertThat(e.get("message").asText())
                        .contains("plugin 'boom' of \"boom/boom\" failed"));
        assertThat(pluginWarnings(json.json())).singleElement()
                .satisfies(w -> assertThat(w.get("plugin").get("id").asText()).isEqualTo("boom"));
    }

    @Test
    void aPluginThatFailsDiscoveryIsAWarningToo() throws IOException {
        Path corrupt = PluginJars.corrupt(home.resolve("plugins"), "broken.jar");
        config("{}");

        CliRun json = run("config", "check", "--json");

        assertThat(json.exit()).isZero();
        assertThat(pluginWarnings(json.json())).singleElement().satisfies(w -> {
            assertThat(w.get("message").asText()).startsWith("plugin 'broken.jar' (" + corrupt + ") is FAILED: "
                    + "PB-PLUGIN-001");
            assertThat(w.get("plugin").get("version").asText()).isEmpty();
        });
    }

    @Test
    void aStateDirectoryThatIsAFileFailsTheCheckAlongsideTheFileErrors() throws IOException {
        Files.delete(home.resolve("state"));
        Files.writeString(home.resolve("state"), "not a directory");
        config("{\n  \"state\": {\"directory\": \"state\"},\n  \"bogus\": 1\n}");

        CliRun check = run("config", "check", "--json");

        assertThat(check.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(elements(check.json().get("errors"))
                .map(e -> e.get("path").asText() + " " + e.get("line").asInt() + ":" + e.get("column").asInt()))
                .containsExactly("$.state.directory 2:26", "$.bogus 3:3");
        assertThat(check.json().get("errors").get(0).get("message").asText())
                .isEqualTo("the state directory " + home.resolve("state") + " is a file, not a directory");
    }

    @ParameterizedTest(name = "as root: {0}")
    @ValueSource(booleans = {false, true})
    void okIsPlainOnlyWithoutWarnings(boolean root) throws IOException {
        config("{}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandContext context = new CommandContext(new GlobalOptions(),
                new ConfigLocator(Map.of("PATCHBAY_HOME", home.toString()), Optional.empty(), home),
                new ConfigReader(), new LogSetup(), err,
                new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        DirectoryCheck directories = new DirectoryCheck(new WritableDirectory(WriteProbe.TEMPORARY_FILE),
                new PathSettings(PathSettings.FROM_SETTINGS), root);

        int exit = new ConfigCheckCommand(context, Main.validators(), directories).check(context.source(),
                context.reading());

        assertThat(exit).isZero();
        String file = home.resolve("config/patchbay.json").toString();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo((root
                ? "configuration OK with 1 warning: " : "configuration OK: ") + file
                + " (0 pipelines, 1 plugin installed)" + System.lineSeparator());
        if (root) {
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 warning in " + file)
                    .contains("config check runs as root");
        }
    }

}
