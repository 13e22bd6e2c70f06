package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI over the real plugin platform, with plugin jars compiled at test time. */
class CliWithPlatformTest {

    private static final String DOCUMENTED = """
            package demo;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "tagger", description = "Adds a tag field")
            public class Tagger implements ProcessorFactory {
                @Override
                public List<Setting> settings() {
                    return List.of(
                            Setting.required("field", SettingType.STRING, "The field to write"),
                            Setting.optional("limit", SettingType.LONG, "Most records to tag").withDefault(10L),
                            Setting.optional("mode", SettingType.STRING, "How to tag").withDefault("append")
                                    .oneOf("append", "replace"));
                }

                @Override
                public Processor create(Settings settings, ExtensionContext context) {
                    return (record, out) -> out.emit(record);
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

    @TempDir
    Path home;

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private CliRun run(String... args) {
        return CliRun.in(home, args);
    }

    private Path plugins() throws IOException {
        return Files.createDirectories(home.resolve("plugins"));
    }

    @Test
    void infoPrintsEachExtensionWithItsSettingsDocumentation() throws IOException {
        PluginJarBuilder.plugin("tags").source("demo.Tagger", DOCUMENTED).service(ProcessorFactory.class, "demo.Tagger")
                .buildJar(plugins());

        CliRun text = run("plugins", "info", "--start", "tags");
        CliRun json = run("plugins", "info", "--start", "tags", "--json");

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("tags 1.0.0  STARTED").contains("processor tags/tagger: Adds a tag field")
                .contains("field  string, required").contains("The field to write")
                .contains("limit  integer, optional, default 10")
                .contains("mode  string, optional, default \"append\", one of append|replace");
        assertThat(json.exit()).isZero();
        JsonNode extension = json.json().get("extensions").get(0);
        assertThat(extension.get("kind").asText()).isEqualTo("processor");
        assertThat(extension.get("name").asText()).isEqualTo("tagger");
        assertThat(extension.get("reference").asText()).isEqualTo("tags/tagger");
        JsonNode settings = extension.get("settings");
        assertThat(settings).hasSize(3);
        assertThat(settings.get(0).fieldNames()).toIterable()
                .containsExactly("key", "type", "required", "default", "choices", "description");
        assertThat(settings.get(0).get("required").asBoolean()).isTrue();
        assertThat(settings.get(0).get("default").isNull()).isTrue();
        assertThat(settings.get(1).get("type").asText()).isEqualTo("integer");
        assertThat(settings.get(1).get("default").asLong()).isEqualTo(10L);
        assertThat(settings.get(2).get("choices")).extracting(JsonNode::asText).containsExactly("append", "replace");
    }

    @Test
    void listRunsNoPluginCodeButListWithStartShowsAFailingStaticInitialiser() throws IOException {
        PluginJarBuilder.plugin("boom").source("boom.Boom", EXPLODING).service(ProcessorFactory.class, "boom.Boom")
                .buildJar(plugins());
        PluginJarBuilder.plugin("tags").source("demo.Tagger", DOCUMENTED).service(ProcessorFactory.class, "demo.Tagger")
                .buildJar(plugins());

        CliRun listed = run("plugins", "list", "--json");
        CliRun started = run("plugins", "list", "--json", "--start");

        assertThat(listed.exit()).isZero();
        assertThat(state(listed.json(), "boom")).isEqualTo("RESOLVED");
        assertThat(started.exit()).as("listing succeeded even though a plugin failed").isZero();
        assertThat(state(started.json(), "boom")).isEqualTo("FAILED");
        assertThat(state(started.json(), "tags")).isEqualTo("STARTED");
        JsonNode problem = plugin(started.json(), "boom").get("problems").get(0);
        assertThat(problem.get("code").asText()).isEqualTo("PB-PLUGIN-013");
        assertThat(problem.get("message").asText()).contains("static init exploded");
    }

    @Test
    void infoOfAFailedPluginShowsItsProblemsAndExitsOne() throws IOException {
        PluginJarBuilder.plugin("boom").source("boom.Boom", EXPLODING).service(ProcessorFactory.class, "boom.Boom")
                .buildJar(plugins());

        CliRun result = run("plugins", "info", "--start", "boom");

        assertThat(result.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(result.out()).contains("boom 1.0.0  FAILED").contains("PB-PLUGIN-013")
                .contains("settings: not available");
    }

    @Test
    void verifyExitsOneForABadJarAndZeroForAGoodOne() throws IOException {
        Path good = PluginJarBuilder.plugin("tags").source("demo.Tagger", DOCUMENTED)
                .service(ProcessorFactory.class, "demo.Tagger").buildJar(home);
        Path bad = Files.write(home.resolve("bad.jar"), "not a zip".getBytes(StandardCharsets.UTF_8));

        CliRun passed = run("plugins", "verify", good.toString());
        CliRun failed = run("plugins", "verify", good.toString(), bad.toString(), "--json");

        assertThat(passed.exit()).isZero();
        assertThat(passed.out()).contains("OK").contains("no problems");
        assertThat(failed.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(failed.json().get("ok").asBoolean()).isFalse();
        JsonNode badResult = stream(failed.json().get("archives"))
                .filter(a -> a.get("file").asText().endsWith("bad.jar")).findFirst().orElseThrow();
        assertThat(badResult.get("state").asText()).isEqualTo("FAILED");
        assertThat(badResult.get("problems").get(0).get("code").asText()).isEqualTo("PB-PLUGIN-001");
    }

    @Test
    void aDisabledPluginIsListedAsDisabledAndCanBeEnabledAgain() throws IOException {
        PluginJarBuilder.plugin("tags").source("demo.Tagger", DOCUMENTED).service(ProcessorFactory.class, "demo.Tagger")
                .buildJar(plugins());

        assertThat(run("plugins", "disable", "tags").exit()).isZero();
        String whileDisabled = state(run("plugins", "list", "--json").json(), "tags");
        assertThat(run("plugins", "enable", "tags").exit()).isZero();
        String afterEnable = state(run("plugins", "list", "--json").json(), "tags");

        assertThat(whileDisabled).isEqualTo("DISABLED");
        assertThat(afterEnable).isEqualTo("RESOLVED");
    }

    @Test
    void referencePrintsEveryStartedExtensionWithItsSettingsAsMarkdown() throws IOException {
        PluginJarBuilder.plugin("tags").source("demo.Tagger", DOCUMENTED).service(ProcessorFactory.class, "demo.Tagger")
                .buildJar(plugins());

        CliRun result = run("plugins", "reference", "--start");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("#### `tags/tagger` (processor, plugin tags 1.0.0)")
                .contains("| `field` | string | yes |  | The field to write |")
                .contains("| `mode` | string | no | `\"append\"` | How to tag One of `append`, `replace`. |");
    }

    @Test
    void referenceUpdateRewritesOnlyTheGeneratedSectionOfAFile() throws IOException {
        PluginJarBuilder.plugin("tags").source("demo.Tagger", DOCUMENTED).service(ProcessorFactory.class, "demo.Tagger")
                .buildJar(plugins());
        Path readme = Files.writeString(home.resolve("README.md"), "# Title\n\n"
                + PluginsReferenceCommand.BEGIN + "\nstale text\n" + PluginsReferenceCommand.END + "\n\nAfter.\n");

        CliRun result = run("plugins", "reference", "--update", readme.toString());

        String updated = Files.readString(readme);
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(updated).startsWith("# Title\n\n" + PluginsReferenceCommand.BEGIN + "\n\n#### `tags/tagger`")
                .doesNotContain("stale text").endsWith(PluginsReferenceCommand.END + "\n\nAfter.\n");
        assertThat(updated).contains(run("plugins", "reference").out());
    }

    @Test
    void referenceUpdateResolvesARelativeFileAgainstTheWorkingDirectory() throws IOException {
        plugins();
        Path readme = Files.writeString(home.resolve("NOTES.md"), PluginsReferenceCommand.BEGIN + "\nstale\n"
                + PluginsReferenceCommand.END + "\n");

        CliRun result = run("plugins", "reference", "--update", "NOTES.md");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(Files.readString(readme)).doesNotContain("stale");
    }

    @Test
    void referenceUpdateRefusesAFileWithoutMarkers() throws IOException {
        Path readme = Files.writeString(home.resolve("README.md"), "# Title\n");
        plugins();

        CliRun result = run("plugins", "reference", "--update", readme.toString());

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("has no generated section").contains(PluginsReferenceCommand.BEGIN);
        assertThat(Files.readString(readme)).isEqualTo("# Title\n");
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(array::get);
    }

    private static JsonNode plugin(JsonNode document, String id) {
        return stream(document.get("plugins")).filter(p -> p.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + id + " in " + document));
    }

    private static String state(JsonNode document, String id) {
        return plugin(document, id).get("state").asText();
    }
}
