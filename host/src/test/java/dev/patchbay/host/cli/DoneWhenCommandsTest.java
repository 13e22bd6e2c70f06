package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.plugin.ProblemCode;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact command lines of issue 2's Done-when, over one plugins folder holding good plugins and one
 * plugin for each kind of bad jar, and the field names of every JSON document the design notes promise.
 */
class DoneWhenCommandsTest {

    private static final String PLUGIN_FIELDS = "id, version, state, requires, file, provider, license, description,"
            + " dependencies, extensions, problems, warnings, signers";
    /** In {@code plugins list} and {@code info}, which know the configuration, each plugin also has its users. */
    private static final String LISTED_FIELDS = PLUGIN_FIELDS + ", usedBy";

    @TempDir
    Path home;

    private Path plugins;

    /** The bad plugins of the folder: file name, plugin id as listed, expected code. */
    private final Map<String, ProblemCode> bad = new LinkedHashMap<>();

    @BeforeEach
    void writeGoodAndBadPlugins() throws IOException {
        plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJarBuilder.plugin("good").processor("com.example.good.Factory", "good").buildJar(plugins);
        PluginJarBuilder.plugin("uses-good").dependencies("good@>=1.0.0 & <2.0.0")
                .processor("com.example.usesgood.Factory", "user").buildJar(plugins);

        Files.writeString(plugins.resolve("corrupt.jar"), "this is not a zip");
        bad.put("corrupt.jar", ProblemCode.CORRUPT_ARCHIVE);
        PluginJarBuilder.plugin("x").fileName("nomanifest").withoutManifest().resource("readme.txt", "hi")
                .buildJar(plugins);
        bad.put("nomanifest.jar", ProblemCode.MISSING_DESCRIPTOR);
        PluginJarBuilder.plugin("bundler").processor("com.example.bundler.Factory", "factory")
                .classFile(ExtensionFactory.class.getName(), apiClassBytes()).buildJar(plugins);
        bad.put("bundler", ProblemCode.BUNDLES_API);
        PluginJarBuilder.plugin("future").requires(">=2.0.0 & <3.0.0").processor("com.example.future.Factory",
                "factory").buildJar(plugins);
        bad.put("future", ProblemCode.API_INCOMPATIBLE);
        PluginJarBuilder.plugin("needy").dependencies("absent@>=1.0.0").processor("com.example.needy.Factory",
                "factory").buildJar(plugins);
        bad.put("needy", ProblemCode.DEPENDENCY_MISSING);
        PluginJarBuilder.plugin("cycle-a").dependencies("cycle-b").buildJar(plugins);
        PluginJarBuilder.plugin("cycle-b").dependencies("cycle-a").buildJar(plugins);
        bad.put("cycle-a", ProblemCode.DEPENDENCY_CYCLE);
        bad.put("cycle-b", ProblemCode.DEPENDENCY_CYCLE);
        PluginJarBuilder.plugin("boom").source("com.example.boom.Bomb", Sources.processor("com.example.boom.Bomb",
                "bomb", "static { if (true) { throw new IllegalStateException(\"static boom\"); } }"))
                .service(ProcessorFactory.class, "com.example.boom.Bomb").buildJar(plugins);
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private CliRun run(String... args) {
        return CliRun.in(home, args);
    }

    @Test
    void pluginsListJsonShowsTheGoodPluginsResolvedAndEveryBadOneFailedWithCodeAndMessageAndExitsZero()
            throws IOException {
        CliRun result = run("plugins", "list", "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        Map<String, JsonNode> listed = byId(result.json().get("plugins"));
        assertThat(listed.get("good").get("state").asText()).isEqualTo("RESOLVED");
        assertThat(listed.get("uses-good").get("state").asText()).isEqualTo("RESOLVED");
        assertFailed(listed, bad);
        // Listing runs no plugin code, so a throwing static initialiser cannot show yet (issue 2, section 3).
        assertThat(listed.get("boom").get("state").asText()).isEqualTo("RESOLVED");
    }

    @Test
    void pluginsListStartJsonAlsoFailsTheThrowingStaticInitialiserAndStartsTheGoodOnes() throws IOException {
        CliRun result = run("plugins", "list", "--start", "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        Map<String, JsonNode> listed = byId(result.json().get("plugins"));
        assertThat(listed.get("good").get("state").asText()).isEqualTo("STARTED");
        assertThat(listed.get("uses-good").get("state").asText()).isEqualTo("STARTED");
        Map<String, ProblemCode> expected = new LinkedHashMap<>(bad);
        expected.put("boom", ProblemCode.EXTENSION_INIT_FAILED);
        assertFailed(listed, expected);
        assertThat(listed.get("boom").get("problems").get(0).get("message").asText()).contains("plugin 'boom'",
                "'com.example.boom.Bomb'", "static boom", "must not throw");
    }

    static Stream<Arguments> archives() {
        return Stream.of(Arguments.of("good.jar", ExitCodes.OK), Arguments.of("corrupt.jar", ExitCodes.PROBLEMS),
                Arguments.of("nomanifest.jar", ExitCodes.PROBLEMS), Arguments.of("bundler.jar", ExitCodes.PROBLEMS),
                Arguments.of("future.jar", ExitCodes.PROBLEMS), Arguments.of("needy.jar", ExitCodes.PROBLEMS),
                Arguments.of("cycle-a.jar", ExitCodes.PROBLEMS), Arguments.of("boom.jar", ExitCodes.PROBLEMS));
    }

    @ParameterizedTest(name = "{0} exits {1}")
    @MethodSource("archives")
    void pluginsVerifyExitsOneForABadJarAndZeroForAGoodOne(String fileName, int exit) {
        Path archive = plugins.resolve(fileName);
        assertThat(archive).exists();

        // boom.jar's static initialiser throws: only --start, which runs it in a separate JVM, sees that.
        CliRun result = fileName.equals("boom.jar") ? run("plugins", "verify", "--start", archive.toString())
                : run("plugins", "verify", archive.toString());

        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(exit);
        assertThat(result.out()).contains(exit == ExitCodes.OK ? "OK      " : "FAILED  ");
        if (exit != ExitCodes.OK) {
            assertThat(result.out()).contains("PB-PLUGIN-");
        }
    }

    @Test
    void everyJsonDocumentHasTheDocumentedFieldsInTheDocumentedOrder() throws IOException {
        JsonNode list = run("plugins", "list", "--json").json();
        assertThat(names(list)).isEqualTo("schemaVersion, pluginsDirectory, plugins");
        for (JsonNode plugin : list.get("plugins")) {
            assertThat(names(plugin)).as(plugin.get("id").asText()).isEqualTo(LISTED_FIELDS);
            for (JsonNode extension : plugin.get("extensions")) {
                assertThat(names(extension)).isEqualTo("kind, name, reference, description, className");
            }
            for (JsonNode dependency : plugin.get("dependencies")) {
                assertThat(names(dependency)).isEqualTo("id, versionRange, optional");
            }
            for (JsonNode problem : plugin.get("problems")) {
                assertThat(names(problem)).isEqualTo("code, message");
            }
        }
        JsonNode usesGood = byId(list.get("plugins")).get("uses-good");
        assertThat(usesGood.get("dependencies")).hasSize(1);
        assertThat(usesGood.get("extensions")).hasSize(1);

        JsonNode info = run("plugins", "info", "good", "--json").json();
        assertThat(names(info)).isEqualTo("schemaVersion, " + LISTED_FIELDS + ", settingsRead, versions");
        assertThat(info.get("versions")).singleElement()
                .satisfies(version -> assertThat(names(version)).isEqualTo(LISTED_FIELDS + ", settingsRead"));
        // Without --start no plugin code runs, so no settings were read: the extension has no "settings".
        // A processor's object ends with its parallel flag, read code-free from @Extension.
        assertThat(info.get("extensions")).singleElement().satisfies(extension -> assertThat(names(extension))
                .isEqualTo("kind, name, reference, description, className, parallel"));

        JsonNode verify = run("plugins", "verify", plugins.resolve("corrupt.jar").toString(), "--json").json();
        assertThat(names(verify)).isEqualTo("schemaVersion, ok, pluginCodeRun, archives");
        assertThat(verify.get("ok").asBoolean()).isFalse();
        assertThat(names(verify.get("archives").get(0))).isEqualTo(PLUGIN_FIELDS);

        JsonNode check = run("config", "check", "--json").json();
        assertThat(names(check)).isEqualTo("schemaVersion, file, home, valid, pipelines, errors, warnings, "
                + "pluginCodeRun, settingsNotChecked");
    }

    private static void assertFailed(Map<String, JsonNode> listed, Map<String, ProblemCode> expected) {
        for (Map.Entry<String, ProblemCode> entry : expected.entrySet()) {
            JsonNode plugin = listed.get(entry.getKey());
            assertThat(plugin).as("plugin '%s' in %s", entry.getKey(), listed.keySet()).isNotNull();
            assertThat(plugin.get("state").asText()).as(entry.getKey()).isEqualTo("FAILED");
            assertThat(plugin.get("problems")).as(entry.getKey()).anySatisfy(problem -> {
                assertThat(problem.get("code").asText()).isEqualTo(entry.getValue().id());
                assertThat(problem.get("message").asText()).contains("'");
            });
        }
    }

    private static Map<String, JsonNode> byId(JsonNode plugins) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        plugins.forEach(plugin -> byId.put(plugin.get("id").asText(), plugin));
        return byId;
    }

    private static String names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static byte[] apiClassBytes() throws IOException {
        try (InputStream in = ExtensionFactory.class.getResourceAsStream("ExtensionFactory.class")) {
            return in.readAllBytes();
        }
    }
}
