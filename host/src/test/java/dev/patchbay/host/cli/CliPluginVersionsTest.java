package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plugins list} and {@code plugins info} with versions: one entry per installed version, and the configured
 * pipeline stages that use each version under their pins.
 */
class CliPluginVersionsTest {

    /** A source whose one setting is named after the version, so that each version's settings can be told apart. */
    private static String source(String version) {
        String key = "file" + version.replace(".", "");
        return """
                package gen;

                import dev.patchbay.api.*;
                import java.util.List;

                @Extension(name = "numbers", description = "Numbers, version %s")
                public class Numbers implements SourceFactory {
                    @Override
                    public List<Setting> settings() {
                        return List.of(Setting.optional("%s", SettingType.STRING, "A file"));
                    }

                    @Override
                    public Source create(Settings settings, SourceContext context) {
                        throw new UnsupportedOperationException();
                    }
                }
                """.formatted(version, key);
    }

    private static final String SINK = """
            package gen;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "lines")
            public class Lines implements SinkFactory {
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

    @TempDir
    Path home;

    @BeforeEach
    void config() throws IOException {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/patchbay.json"), ("{'pipelines': {"
                + "'old': {'source': {'use': 'gen/numbers', 'version': '<1.1.0'}, 'sink': {'use': 'gen/lines'}},"
                + "'new': {'source': {'use': 'gen/numbers'}, 'sink': {'use': 'gen/lines', 'version': '=1.0.0'}}"
                + "}}").replace('\'', '"'));
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private Path plugins() throws IOException {
        return Files.createDirectories(home.resolve("plugins"));
    }

    private void install(String version) throws IOException {
        PluginJarBuilder.plugin("gen").version(version).fileName("gen-" + version)
                .source("gen.Numbers", source(version)).service(SourceFactory.class, "gen.Numbers")
                .source("gen.Lines", SINK).service(SinkFactory.class, "gen.Lines").buildJar(plugins());
    }

    private static List<String> usedBy(JsonNode plugin) {
        List<String> users = new ArrayList<>();
        plugin.get("usedBy").forEach(u -> users.add(u.get("pipeline").asText() + " " + u.get("stage").asText()
                + " " + u.get("use").asText()));
        return users;
    }

    @Test
    void withOneVersionListAndInfoShowWhichPipelinesUseIt() throws IOException {
        install("1.0.0");

        CliRun text = CliRun.in(home, "plugins", "list");
        CliRun json = CliRun.in(home, "plugins", "list", "--json");
        CliRun info = CliRun.in(home, "plugins", "info", "gen", "--json");

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("gen 1.0.0  RESOLVED").contains("  used by:    pipeline 'old' (source "
                + "gen/numbers, sink gen/lines), pipeline 'new' (source gen/numbers, sink gen/lines)");
        assertThat(usedBy(json.json().get("plugins").get(0))).containsExactly("old source gen/numbers",
                "old sink gen/lines", "new source gen/numbers", "new sink gen/lines");
        assertThat(info.exit()).as(info.err()).isZero();
        assertThat(info.json().get("version").asText()).isEqualTo("1.0.0");
        assertThat(info.json().get("versions")).hasSize(1);
        assertThat(usedBy(info.json())).hasSize(4);
    }

    @Test
    void aStageThatResolvesToNoVersionIsNobodysUser() throws IOException {
        install("1.1.0");

        CliRun text = CliRun.in(home, "plugins", "list");

        assertThat(text.out()).contains("  used by:    pipeline 'old' (sink gen/lines), pipeline 'new' (source "
                + "gen/numbers)");
    }

    @Test
    void infoOfAnUnknownVersionNamesTheInstalledOnesAndExitsTwo() throws IOException {
        install("1.0.0");

        CliRun run = CliRun.in(home, "plugins", "info", "gen@2.0.0");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("plugin 'gen' has no version '2.0.0' in ")
                .contains("its installed versions are 1.0.0");
    }

    /** Needs the platform to run two versions of one id side by side. */
    @Test
    void everyVersionIsListedWithThePipelinesItsPinsSend() throws IOException {
        install("1.0.0");
        install("1.1.0");

        CliRun text = CliRun.in(home, "plugins", "list");
        CliRun json = CliRun.in(home, "plugins", "list", "--json", "--start");

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("2 plugins in ").contains("(2 RESOLVED)")
                .contains("gen 1.0.0  RESOLVED").contains("gen 1.1.0  RESOLVED");
        JsonNode plugins = json.json().get("plugins");
        assertThat(plugins).extracting(p -> p.get("version").asText()).containsExactly("1.0.0", "1.1.0");
        assertThat(plugins).extracting(p -> p.get("state").asText()).containsExactly("STARTED", "STARTED");
        assertThat(usedBy(plugins.get(0))).containsExactly("old source gen/numbers", "new sink gen/lines");
        assertThat(usedBy(plugins.get(1))).containsExactly("old sink gen/lines", "new source gen/numbers");
    }

    /** Needs the platform to run two versions of one id side by side. */
    @Test
    void infoShowsEveryVersionOrTheOneNamed() throws IOException {
        install("1.0.0");
        install("1.1.0");

        CliRun all = CliRun.in(home, "plugins", "info", "--start", "gen");
        CliRun one = CliRun.in(home, "plugins", "info", "--start", "gen@1.0.0", "--json");
        CliRun both = CliRun.in(home, "plugins", "info", "--start", "gen", "--json");

        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).contains("gen 1.0.0  STARTED").contains("gen 1.1.0  STARTED")
                .contains("file100  string, optional").contains("file110  string, optional")
                .contains("used by:      pipeline 'old' (source gen/numbers), pipeline 'new' (sink gen/lines)");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.json().get("version").asText()).isEqualTo("1.0.0");
        assertThat(one.json().get("versions")).hasSize(1);
        assertThat(one.json().get("extensions")).filteredOn(e -> e.get("name").asText().equals("numbers"))
                .singleElement().satisfies(numbers -> assertThat(numbers.get("settings").get(0).get("key").asText())
                        .as("the settings of the version named").isEqualTo("file100"));
        assertThat(both.json().get("version").asText()).as("the top level is the highest version")
                .isEqualTo("1.1.0");
        assertThat(both.json().get("versions")).extracting(v -> v.get("version").asText())
                .containsExactly("1.0.0", "1.1.0");
        assertThat(usedBy(both.json().get("versions").get(1))).containsExactly("old sink gen/lines",
                "new source gen/numbers");
    }

    @Test
    void configCheckReportsAPinThatNoInstalledVersionSatisfies() throws IOException {
        install("1.0.0");
        install("1.1.0");
        Files.writeString(home.resolve("config/patchbay.json"), ("{'pipelines': {'orders': {\n"
                + "  'source': {'use': 'gen/numbers', 'version': '>=2.0.0'},\n"
                + "  'sink': {'use': 'gen/lines'}}}}").replace('\'', '"'));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new Main(Map.of("PATCHBAY_HOME", home.toString()), Optional.empty(), home,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                Main.validators()).run("config", "check", "--start");

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("$.pipelines.orders.source.version (line 2, column 47)")
                .contains("stage source of pipeline 'orders' pins plugin 'gen' to '>=2.0.0' but the installed "
                        + "versions are 1.0.0 (STARTED), 1.1.0 (STARTED)")
                .contains("fix: install a version in that range or change the pin");
    }
}
