package dev.patchbay.host.cli;

import dev.patchbay.api.ApiVersion;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.config.ConfigValidator;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CliTest {

    @TempDir
    Path home;

    @TempDir
    Path workingDirectory;

    private final Map<String, String> environment = new HashMap<>();
    private List<ConfigValidator> validators = List.of();
    private final ObjectMapper mapper = new ObjectMapper();

    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON:\n" + out + "\nstderr:\n" + err, e);
            }
        }
    }

    @BeforeEach
    void homeFromEnvironment() {
        environment.put("PATCHBAY_HOME", home.toString());
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(environment, Optional.empty(), workingDirectory,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                validators).run(args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path writeConfig(String json) throws IOException {
        Path file = home.resolve("config/patchbay.json");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, json.replace('\'', '"'));
    }

    static Stream<Arguments> helpAtEveryLevel() {
        return Stream.of(
                Arguments.of(List.of("--help"), "Usage: patchbay "),
                Arguments.of(List.of("plugins", "--help"), "Usage: patchbay plugins "),
                Arguments.of(List.of("plugins", "list", "--help"), "Usage: patchbay plugins list "),
                Arguments.of(List.of("plugins", "info", "--help"), "Usage: patchbay plugins info "),
                Arguments.of(List.of("plugins", "verify", "-h"), "Usage: patchbay plugins verify "),
                Arguments.of(List.of("plugins", "reference", "--help"), "Usage: patchbay plugins reference "),
                Arguments.of(List.of("plugins", "enable", "--help"), "Usage: patchbay plugins enable "),
                Arguments.of(List.of("plugins", "disable", "--help"), "Usage: patchbay plugins disable "),
                Arguments.of(List.of("config", "--help"), "Usage: patchbay config "),
                Arguments.of(List.of("config", "check", "--help"), "Usage: patchbay config check "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helpAtEveryLevel")
    void helpWorksAtEveryLevelAndExitsZero(List<String> args, String usage) {
        Result result = run(args.toArray(String[]::new));

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith(usage).contains("--log-level");
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of(), "missing command"),
                Arguments.of(List.of("plugins"), "missing command; choose one of list, info, verify, install, remove, lock, reference, explain, enable, disable"),
                Arguments.of(List.of("config"), "missing command; choose one of check"),
                Arguments.of(List.of("nonsense"), "Unmatched argument"),
                Arguments.of(List.of("plugins", "list", "--bogus"), "Unknown option: '--bogus'"),
                Arguments.of(List.of("plugins", "info"), "Missing required parameter: 'ID[@VERSION]'"),
                Arguments.of(List.of("plugins", "verify"), "Missing required parameter"),
                Arguments.of(List.of("--log-format", "xml", "plugins", "list"), "expected one of [TEXT, JSON]"),
                Arguments.of(List.of("plugins", "list", "--log-level", "LOUD"), "--log-level"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void wrongUsageExitsTwoWithAMessage(List<String> args, String message) {
        Result result = run(args.toArray(String[]::new));

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains(message);
    }

    @Test
    void versionNamesTheApiVersion() {
        Result result = run("--version");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("plugin api " + ApiVersion.current());
    }

    @Test
    void pluginsListJsonShowsGoodAndBadPluginsAndExitsZero() throws IOException {
        PluginJars.plugin(home.resolve("plugins"), "alpha", "1.2.3");
        PluginJars.corrupt(home.resolve("plugins"), "broken.jar");

        Result result = run("plugins", "list", "--json");

        assertThat(result.exit()).isZero();
        JsonNode document = result.json();
        assertThat(document.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(document.get("pluginsDirectory").asText()).isEqualTo(home.resolve("plugins").toString());
        JsonNode plugins = document.get("plugins");
        assertThat(plugins).hasSize(2);
        JsonNode alpha = find(plugins, "alpha");
        assertThat(alpha.get("version").asText()).isEqualTo("1.2.3");
        assertThat(alpha.get("state").asText()).isIn("RESOLVED", "STARTED");
        assertThat(alpha.get("file").asText()).isEqualTo(home.resolve("plugins/alpha-1.2.3.jar").toString());
        assertThat(alpha.get("problems")).isEmpty();
        JsonNode broken = stream(plugins).filter(p -> p.get("state").asText().equals("FAILED")).findFirst()
                .orElseThrow();
        assertThat(broken.get("file").asText()).endsWith("broken.jar");
        assertThat(broken.get("problems")).isNotEmpty();
        assertThat(broken.get("problems").get(0).get("code").asText()).startsWith("PB-PLUGIN-");
        assertThat(broken.get("problems").get(0).get("message").asText()).isNotBlank();
        for (JsonNode plugin : plugins) {
            assertThat(plugin.fieldNames()).toIterable().containsExactly("id", "version", "state", "requires",
                    "file", "provider", "license", "description", "dependencies", "extensions", "problems",
                    "warnings", "signers", "usedBy");
        }
    }

    @Test
    void pluginsListTextShowsStatesAndProblemCodes() throws IOException {
        PluginJars.plugin(home.resolve("plugins"), "alpha", "1.2.3");
        PluginJars.corrupt(home.resolve("plugins"), "broken.jar");

        Result result = run("plugins", "list");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("2 plugins in " + home.resolve("plugins")).contains("alpha 1.2.3  ")
                .contains("FAILED").contains("file:       plugins/broken.jar").contains("PB-PLUGIN-");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommandAndBeatTheEnvironment(@TempDir Path other) throws IOException {
        PluginJars.plugin(other.resolve("plugins"), "beta", "2.0.0");

        Result before = run("--home", other.toString(), "plugins", "list", "--json");
        Result after = run("plugins", "list", "--json", "--home", other.toString());

        assertThat(before.json().get("pluginsDirectory").asText()).isEqualTo(other.resolve("plugins").toString());
        assertThat(after.json().get("pluginsDirectory").asText()).isEqualTo(other.resolve("plugins").toString());
        assertThat(find(after.json().get("plugins"), "beta")).isNotNull();
    }

    @Test
    void patchbayConfigNamesTheFileAndConfigOptionBeatsIt() throws IOException {
        Path viaEnv = Files.writeString(workingDirectory.resolve("env.json"), "{\"plugins\": {\"directory\": \"env-plugins\"}}");
        Files.writeString(workingDirectory.resolve("flag.json"), "{\"plugins\": {\"directory\": \"flag-plugins\"}}");
        environment.put("PATCHBAY_CONFIG", viaEnv.toString());
        Files.createDirectories(home.resolve("env-plugins"));
        Files.createDirectories(home.resolve("flag-plugins"));

        Result env = run("plugins", "list", "--json");
        Result flag = run("plugins", "list", "--json", "--config", "flag.json");

        assertThat(env.json().get("pluginsDirectory").asText()).isEqualTo(home.resolve("env-plugins").toString());
        assertThat(flag.json().get("pluginsDirectory").asText()).isEqualTo(home.resolve("flag-plugins").toString());
    }

    @Test
    void aMissingPluginsFolderIsAUsageErrorThatSaysHowToFixIt() {
        Result list = run("plugins", "list");
        Result check = run("config", "check", "--json");

        assertThat(list.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(list.err()).contains("the plugins folder " + home.resolve("plugins") + " does not exist; create it");
        assertThat(check.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(check.json().get("errors").get(0).get("path").asText()).isEqualTo("$.plugins.directory");
    }

    @Test
    void aBrokenConfigMakesEveryCommandExitTwoWithAllErrors() throws IOException {
        writeConfig("{'plugins': {'directory': 1}, 'bogus': true}");

        Result result = run("plugins", "list");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("2 configuration errors in " + home.resolve("config/patchbay.json"))
                .contains("$.plugins.directory (line 1, column 27)").contains("$.bogus (line 1, column 31)")
                .contains("fix: ");
    }

    @Test
    void configCheckOnAValidFileExitsZero() throws IOException {
        writeConfig("{'plugins': {'directory': 'plugins'}}");
        Files.createDirectories(home.resolve("plugins"));

        Result result = run("config", "check");

        assertThat(result.exit()).isZero();
        // Run as root, the directory check adds a warning (ConfigCheckTest covers both forms).
        assertThat(result.out()).containsPattern("configuration OK( with \\d+ warnings?)?: \\Q"
                + home.resolve("config/patchbay.json") + "\\E");
    }

    @Test
    void configCheckReportsEveryErrorAsJsonAndExitsTwo() throws IOException {
        writeConfig("{\n  'logging': {'format': 'xml'},\n  'runtime': {'shutdownGraceSeconds': -1}\n}");
        Files.createDirectories(home.resolve("plugins"));

        Result result = run("config", "check", "--json");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        JsonNode document = result.json();
        assertThat(document.fieldNames()).toIterable().containsExactly("schemaVersion", "file", "home", "valid",
                "pipelines", "errors", "warnings", "pluginCodeRun", "settingsNotChecked");
        assertThat(document.get("valid").asBoolean()).isFalse();
        JsonNode errors = document.get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).fieldNames()).toIterable().containsExactly("path", "line", "column", "message", "fix");
        assertThat(errors.get(0).get("path").asText()).isEqualTo("$.logging.format");
        assertThat(errors.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(errors.get(1).get("path").asText()).isEqualTo("$.runtime.shutdownGraceSeconds");
        assertThat(errors.get(1).get("line").asInt()).isEqualTo(3);
    }

    @Test
    void configCheckWarnsAboutSelectedIdsThatAreNotInstalledButExitsZero() throws IOException {
        PluginJars.plugin(home.resolve("plugins"), "alpha", "1.0.0");
        writeConfig("{'plugins': {'enabled': ['alpha', 'ghost'], 'disabled': ['phantom']}}");

        Result result = run("config", "check", "--json");

        assertThat(result.exit()).isZero();
        List<JsonNode> warnings = pluginWarnings(result.json());
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0).get("path").asText()).isEqualTo("$.plugins.enabled");
        assertThat(warnings.get(0).get("message").asText()).contains("\"ghost\"");
        assertThat(warnings.get(0).get("fix").asText()).contains("installed ids: alpha");
        assertThat(warnings.get(1).get("message").asText()).contains("\"phantom\"");
    }

    @Test
    void aGracePeriodThatOverflowedOnSigtermIsRejectedByConfigCheckAndRunNeverStarts() throws IOException {
        Files.createDirectories(home.resolve("plugins"));
        writeConfig("{\n  'logging': {'level': 'INFO'},\n  'runtime': {'shutdownGraceSeconds': 9223372036854775807},\n"
                + "  'pipelines': {'demo': {'source': {'use': 'files/csv-source'},\n"
                + "                         'sink': {'use': 'files/jsonl-sink'}}}\n"
                + "}");
        // config check also checks the pipelines of an invalid file against the plugins (ConfigCheckTest); here
        // they report nothing, so that the one error is the grace period's.
        validators = List.of((config, platform) -> List.of());

        Result check = run("config", "check");
        Result started = run("run");

        assertThat(check.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(check.err()).contains("1 error in")
                .contains("$.runtime.shutdownGraceSeconds (line 3, column 39)")
                .contains("\"shutdownGraceSeconds\": 9223372036854775807 is out of range")
                .contains("fix: use a whole number of seconds from 0 to 86400");
        assertThat(started.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(started.err()).contains("no pipeline was started")
                .contains("9223372036854775807 is out of range");
        assertThat(started.out()).isEmpty();
    }

    @Test
    void configCheckRunsTheRegisteredValidatorsAndTheirErrorsExitTwo() throws IOException {
        Files.createDirectories(home.resolve("plugins"));
        writeConfig("{'pipelines': {'demo': {'source': {'use': 'files/nope'}, 'sink': {'use': 'files/jsonl-sink'}}}}");
        validators = List.of((config, platform) -> List.of(new ConfigError("$.pipelines.demo.source.use",
                config.locations().of("$.pipelines.demo.source.use"), "no extension files/nope",
                "use files/csv-source")));

        Result result = run("config", "check");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("1 error in").contains("$.pipelines.demo.source.use (line 1, column 43)")
                .contains("no extension files/nope").contains("fix: use files/csv-source");
    }

    /** The warnings about the plugins section, leaving out those about directories. */
    static List<JsonNode> pluginWarnings(JsonNode document) {
        JsonNode warnings = document.get("warnings");
        return Stream.iterate(0, i -> i < warnings.size(), i -> i + 1).map(warnings::get)
                .filter(w -> w.get("path").asText().startsWith("$.plugins.")).toList();
    }

    static Stream<Arguments> logFormats() {
        return Stream.of(
                Arguments.of("{}", List.of(), true, "no setting: text"),
                Arguments.of("{'logging': {'format': 'json'}}", List.of(), false, "file says json"),
                Arguments.of("{}", List.of("--log-format", "json"), false, "flag says json"),
                Arguments.of("{'logging': {'format': 'json'}}", List.of("--log-format", "TEXT"), true,
                        "flag beats file"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("logFormats")
    void logLinesUseTheFormatFromTheFlagElseTheFileElseText(String config, List<String> flags, boolean text,
            String name) throws IOException {
        Files.createDirectories(home.resolve("plugins"));
        writeConfig(config);
        validators = List.of((c, platform) -> {
            org.slf4j.MDC.put("plugin", "probe");
            try {
                org.slf4j.LoggerFactory.getLogger("probe").warn("validator ran");
            } finally {
                org.slf4j.MDC.remove("plugin");
            }
            return List.of();
        });
        List<String> args = new java.util.ArrayList<>(List.of("config", "check"));
        args.addAll(flags);

        Result result = run(args.toArray(String[]::new));

        assertThat(result.exit()).isZero();
        String line = result.err().lines().filter(l -> l.contains("validator ran")).findFirst().orElseThrow();
        if (text) {
            assertThat(line).contains("WARN  [").contains("probe [plugin=probe] - validator ran");
        } else {
            JsonNode event = mapper.readTree(line);
            assertThat(event.get("level").asText()).isEqualTo("WARN");
            assertThat(event.get("mdc").get("plugin").asText()).isEqualTo("probe");
        }
    }

    @Test
    void theLogLevelFlagBeatsTheFile() throws IOException {
        Files.createDirectories(home.resolve("plugins"));
        writeConfig("{'logging': {'level': 'ERROR'}}");
        validators = List.of((c, platform) -> {
            org.slf4j.LoggerFactory.getLogger("probe").info("info line");
            return List.of();
        });

        Result quiet = run("config", "check");
        Result loud = run("config", "check", "--log-level", "info");

        assertThat(quiet.err()).doesNotContain("info line");
        assertThat(loud.err()).contains("info line");
    }

    @Test
    void disableAndEnableEditTheConfigFile() throws IOException {
        PluginJars.plugin(home.resolve("plugins"), "alpha", "1.0.0");
        PluginJars.plugin(home.resolve("plugins"), "beta", "1.0.0");
        Path file = writeConfig("{'logging': {'level': 'WARN'}, 'plugins': {'enabled': ['beta']}}");

        Result disabled = run("plugins", "disable", "beta");
        JsonNode afterDisable = mapper.readTree(file.toFile());
        Result enabled = run("plugins", "enable", "alpha");
        JsonNode afterEnable = mapper.readTree(file.toFile());

        assertThat(disabled.exit()).isZero();
        assertThat(disabled.out()).contains("disabled plugin 'beta' in " + file).contains("note: plugins.enabled is now empty");
        assertThat(afterDisable.toString())
                .isEqualTo("{\"logging\":{\"level\":\"WARN\"},\"plugins\":{\"enabled\":[],\"disabled\":[\"beta\"]}}");
        assertThat(enabled.exit()).isZero();
        assertThat(afterEnable.toString())
                .isEqualTo("{\"logging\":{\"level\":\"WARN\"},\"plugins\":{\"enabled\":[],\"disabled\":[\"beta\"]}}");
        assertThat(enabled.out()).contains("plugin 'alpha' is already enabled");
    }

    @Test
    void enablingAnUnknownIdExitsTwoAndListsTheKnownIds() throws IOException {
        PluginJars.plugin(home.resolve("plugins"), "alpha", "1.0.0");
        PluginJars.plugin(home.resolve("plugins"), "beta", "1.0.0");

        Result result = run("plugins", "enable", "gamma");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("no plugin with id 'gamma' in the plugins folder; known ids: alpha, beta");
        assertThat(home.resolve("config/patchbay.json")).doesNotExist();
    }

    @Test
    void pluginsInfoOfAnUnknownIdExitsTwoAndListsTheKnownIds() throws IOException {
        PluginJars.plugin(home.resolve("plugins"), "alpha", "1.0.0");

        Result result = run("plugins", "info", "omega");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("no plugin with id 'omega'").contains("known ids: alpha");
    }

    @Test
    void pluginsInfoJsonDescribesThePlugin() throws IOException {
        PluginJars.plugin(home.resolve("plugins"), "alpha", "1.0.0");

        Result result = run("plugins", "info", "alpha", "--json");

        assertThat(result.exit()).isZero();
        JsonNode document = result.json();
        assertThat(document.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(document.get("id").asText()).isEqualTo("alpha");
        assertThat(document.get("description").asText()).isEqualTo("Test plugin alpha");
        assertThat(document.get("dependencies").isArray()).isTrue();
        assertThat(document.get("extensions").isArray()).isTrue();
    }

    @Test
    void verifyingAFileThatDoesNotExistIsAUsageError() {
        Result result = run("plugins", "verify", "missing.jar");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("cannot verify '" + workingDirectory.resolve("missing.jar")
                + "': no such file or directory; check the path, or give a plugin jar, zip or folder");
    }

    @Test
    void verifyResolvesARelativePathAgainstTheWorkingDirectory() throws IOException {
        verifiablePlugin();

        Result result = run("plugins", "verify", "alpha-1.0.0.jar");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("OK      " + workingDirectory.resolve("alpha-1.0.0.jar"));
    }

    @Test
    void verifyingAGoodJarExitsZero() throws IOException {
        Path jar = verifiablePlugin();

        Result result = run("plugins", "verify", jar.toString(), "--json");

        assertThat(result.exit()).isZero();
        assertThat(result.json().get("ok").asBoolean()).isTrue();
        assertThat(result.json().get("archives")).hasSize(1);
    }

    /** A plugin jar with one processor: verify fails a plugin without extensions (PB-PLUGIN-016). */
    private Path verifiablePlugin() {
        return PluginJarBuilder.plugin("alpha").fileName("alpha-1.0.0").processor("com.example.alpha.Alpha", "alpha")
                .buildJar(workingDirectory);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(array::get);
    }

    private static JsonNode find(JsonNode plugins, String id) {
        return stream(plugins).filter(p -> p.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + id + " in " + plugins));
    }

}
