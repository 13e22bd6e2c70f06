package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.patchbay.api.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigReaderTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final ConfigSource SOURCE = new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false);

    private final ConfigReader reader = new ConfigReader();

    /** Lines joined with \n; single quotes become double quotes to keep the table readable. */
    private static String json(String... lines) {
        return String.join("\n", Arrays.stream(lines).map(l -> l.replace('\'', '"')).toList());
    }

    private List<ConfigError> errorsOf(String text) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.parse(SOURCE, text));
        assertThat(e).as("expected a ConfigException for:%n%s", text).isNotNull();
        return e.errors();
    }

    static Stream<Arguments> singleErrors() {
        return Stream.of(
                Arguments.of("malformed JSON: missing comma",
                        json("{", "  'plugins': {", "    'directory': 'plugins'", "    'enabled': []", "  }", "}"),
                        "$.plugins", 4, 5, "malformed JSON"),
                Arguments.of("malformed JSON: trailing comma",
                        json("{", "  'plugins': {'enabled': ['a',]}", "}"),
                        "$.plugins.enabled[1]", 2, 31, "malformed JSON"),
                Arguments.of("malformed JSON: unclosed object",
                        json("{", "  'plugins': {"), "$.plugins", 2, 15, "malformed JSON"),
                Arguments.of("empty file", "", "$", 1, 1, "the file is empty"),
                Arguments.of("top level not an object", "[1]", "$", 1, 1, "must be a JSON object"),
                Arguments.of("unknown top-level key",
                        json("{", "  'plugin': {}", "}"), "$.plugin", 2, 3, "unknown key \"plugin\""),
                Arguments.of("unknown nested key",
                        json("{", "  'plugins': {", "    'dir': 'x'", "  }", "}"),
                        "$.plugins.dir", 3, 5, "unknown key \"dir\""),
                Arguments.of("wrong type for directory",
                        json("{", "  'plugins': {'directory': 5}", "}"),
                        "$.plugins.directory", 2, 28, "must be a non-empty string"),
                Arguments.of("wrong type for enabled",
                        json("{", "  'plugins': {'enabled': 'files'}", "}"),
                        "$.plugins.enabled", 2, 26, "must be an array of plugin ids"),
                Arguments.of("wrong element type in disabled",
                        json("{", "  'plugins': {'disabled': ['a', 7]}", "}"),
                        "$.plugins.disabled[1]", 2, 33, "must be a non-empty string"),
                Arguments.of("id both enabled and disabled",
                        json("{", "  'plugins': {'enabled': ['a'], 'disabled': ['a']}", "}"),
                        "$.plugins.disabled[0]", 2, 46, "both enabled and disabled"),
                Arguments.of("bad log format",
                        json("{", "  'logging': {'format': 'xml'}", "}"),
                        "$.logging.format", 2, 25, "must be one of \"text\", \"json\""),
                Arguments.of("bad log level",
                        json("{", "  'logging': {'level': 'LOUD'}", "}"),
                        "$.logging.level", 2, 24, "must be one of"),
                Arguments.of("negative grace period",
                        json("{", "  'runtime': {'shutdownGraceSeconds': -1}", "}"),
                        "$.runtime.shutdownGraceSeconds", 2, 39, "-1 is out of range"),
                Arguments.of("fractional grace period",
                        json("{", "  'runtime': {'shutdownGraceSeconds': 1.5}", "}"),
                        "$.runtime.shutdownGraceSeconds", 2, 39, "1.5 is not a whole number"),
                Arguments.of("duplicate key",
                        json("{", "  'state': {'directory': 'a', 'directory': 'b'}", "}"),
                        "$.state.directory", 2, 31, "appears twice"),
                Arguments.of("pipeline without source",
                        json("{", "  'pipelines': {", "    'demo': {'sink': {'use': 'files/jsonl-sink'}}", "  }", "}"),
                        "$.pipelines.demo.source", 3, 13, "has no \"source\""),
                Arguments.of("use without a slash",
                        json("{", "  'pipelines': {", "    'demo': {", "      'source': {'use': 'csv-source'},",
                                "      'sink': {'use': 'files/jsonl-sink'}", "    }", "  }", "}"),
                        "$.pipelines.demo.source.use", 4, 25, "plugin-id/extension-name"),
                Arguments.of("use not a string",
                        json("{", "  'pipelines': {", "    'demo': {", "      'source': {'use': 1},",
                                "      'sink': {'use': 'files/jsonl-sink'}", "    }", "  }", "}"),
                        "$.pipelines.demo.source.use", 4, 25, "must be a string"),
                Arguments.of("settings not an object",
                        json("{", "  'pipelines': {", "    'demo': {", "      'source': {'use': 'a/b', 'settings': []},",
                                "      'sink': {'use': 'files/jsonl-sink'}", "    }", "  }", "}"),
                        "$.pipelines.demo.source.settings", 4, 44, "must be an object"),
                Arguments.of("processors not an array",
                        json("{", "  'pipelines': {", "    'demo': {", "      'source': {'use': 'a/b'},",
                                "      'processors': {},", "      'sink': {'use': 'files/jsonl-sink'}", "    }", "  }", "}"),
                        "$.pipelines.demo.processors", 5, 21, "must be an array"),
                Arguments.of("zero batch size",
                        json("{", "  'pipelines': {", "    'demo': {", "      'source': {'use': 'a/b'},",
                                "      'sink': {'use': 'c/d'}, 'batchSize': 0", "    }", "  }", "}"),
                        "$.pipelines.demo.batchSize", 5, 44, "0 is out of range"),
                Arguments.of("negative linger",
                        json("{", "  'pipelines': {", "    'demo': {", "      'source': {'use': 'a/b'},",
                                "      'sink': {'use': 'c/d'}, 'lingerMillis': -5", "    }", "  }", "}"),
                        "$.pipelines.demo.lingerMillis", 5, 47, "-5 is out of range"),
                Arguments.of("zero queue capacity",
                        json("{", "  'pipelines': {", "    'demo': {", "      'source': {'use': 'a/b'},",
                                "      'sink': {'use': 'c/d'}, 'queueCapacity': 0", "    }", "  }", "}"),
                        "$.pipelines.demo.queueCapacity", 5, 48, "0 is out of range"),
                Arguments.of("settings integer too large",
                        json("{", "  'pipelines': {", "    'demo': {",
                                "      'source': {'use': 'a/b', 'settings': {'n': 99999999999999999999}},",
                                "      'sink': {'use': 'c/d'}", "    }", "  }", "}"),
                        "$.pipelines.demo.source.settings.n", 4, 50, "does not fit in a 64-bit long"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleErrors")
    void eachKindOfErrorIsReportedWithPathLineColumnAndFix(String name, String text, String path, int line,
            int column, String message) {
        List<ConfigError> errors = errorsOf(text);

        assertThat(errors).hasSize(1);
        ConfigError error = errors.get(0);
        assertThat(error.path()).isEqualTo(path);
        assertThat(error.location()).isEqualTo(new Location(line, column));
        assertThat(error.message()).contains(message);
        assertThat(error.fix()).isNotBlank();
    }

    @Test
    void malformedJsonMessagesGiveLineAndColumnWithoutJacksonsSourceDescription() {
        List<ConfigError> errors = errorsOf(json("{", "  'plugins': {"));

        assertThat(errors).singleElement().satisfies(error -> assertThat(error.message())
                .contains("expected close marker for Object (start marker at line 2, column 14)")
                .doesNotContain("Source", "REDACTED", "StreamReadFeature"));
    }

    @Test
    void everyErrorInTheFileIsReportedAtOnceInFileOrder() {
        String text = json(
                "{",
                "  'plugins': {'directory': false, 'enabld': []},",
                "  'logging': {'format': 'yaml', 'level': 'INFO'},",
                "  'pipelines': {",
                "    'demo': {",
                "      'source': {'use': 'nope'},",
                "      'processors': [{'use': 'transforms/filter'}, {'settings': {}}],",
                "      'batchSize': 'big'",
                "    }",
                "  },",
                "  'extra': 1",
                "}");

        List<ConfigError> errors = errorsOf(text);

        assertThat(errors).extracting(ConfigError::path).containsExactly(
                "$.plugins.directory",
                "$.plugins.enabld",
                "$.logging.format",
                "$.pipelines.demo.sink",
                "$.pipelines.demo.source.use",
                "$.pipelines.demo.processors[1].use",
                "$.pipelines.demo.batchSize",
                "$.extra");
        assertThat(errors).extracting(e -> e.location().line()).containsExactly(2, 2, 3, 5, 6, 7, 8, 11);
        assertThat(errors.get(1).fix()).contains("did you mean \"enabled\"?");
        assertThat(errors.get(3).message()).contains("has no \"sink\"");
    }

    @Test
    void aCompleteFileBecomesTheConfigurationWithRecordValuesAndResolvedDirectories() {
        String text = json(
                "{",
                "  'plugins': {'directory': 'ext', 'enabled': ['files', 'transforms'], 'disabled': ['hello']},",
                "  'state': {'directory': '/var/lib/patchbay'},",
                "  'logging': {'format': 'json', 'level': 'debug'},",
                "  'runtime': {'shutdownGraceSeconds': 5},",
                "  'pipelines': {",
                "    'demo': {",
                "      'source': {'use': 'files/csv-source', 'settings': {",
                "        'path': 'data/in.csv', 'limit': 10, 'ratio': 0.5, 'header': true, 'none': null,",
                "        'fields': ['a', 1], 'nested': {'x': {'y': 2}}}},",
                "      'processors': [{'use': 'transforms/filter', 'settings': {}}, {'use': 'transforms/rename'}],",
                "      'sink': {'use': 'files/jsonl-sink', 'settings': {'path': 'out/x.jsonl'}},",
                "      'batchSize': 10, 'lingerMillis': 0, 'queueCapacity': 16",
                "    },",
                "    'second': {'source': {'use': 'a/b'}, 'sink': {'use': 'c/d'}}",
                "  }",
                "}");

        PatchbayConfig config = reader.parse(SOURCE, text);

        assertThat(config.home()).isEqualTo(HOME);
        assertThat(config.pluginsDirectory()).isEqualTo(HOME.resolve("ext"));
        assertThat(config.stateDirectory()).isEqualTo(Path.of("/var/lib/patchbay"));
        assertThat(config.enabled()).containsExactlyInAnyOrder("files", "transforms");
        assertThat(config.disabled()).containsExactly("hello");
        assertThat(config.logFormat()).isEqualTo("json");
        assertThat(config.logLevel()).isEqualTo("DEBUG");
        assertThat(config.shutdownGraceSeconds()).isEqualTo(5);
        assertThat(config.pipelines()).extracting(PipelineConfig::name).containsExactly("demo", "second");

        PipelineConfig demo = config.pipelines().get(0);
        assertThat(demo.path()).isEqualTo("$.pipelines.demo");
        assertThat(demo.batchSize()).isEqualTo(10);
        assertThat(demo.lingerMillis()).isZero();
        assertThat(demo.queueCapacity()).isEqualTo(16);
        assertThat(demo.source().use()).isEqualTo("files/csv-source");
        assertThat(demo.source().path()).isEqualTo("$.pipelines.demo.source");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("path", "data/in.csv");
        expected.put("limit", 10L);
        expected.put("ratio", 0.5);
        expected.put("header", true);
        expected.put("none", null);
        expected.put("fields", List.of("a", 1L));
        expected.put("nested", Row.of(Map.of("x", Row.of(Map.of("y", 2L)))));
        assertThat(demo.source().settings()).containsExactlyEntriesOf(expected);
        assertThat(demo.processors()).extracting(StageConfig::path)
                .containsExactly("$.pipelines.demo.processors[0]", "$.pipelines.demo.processors[1]");
        assertThat(demo.processors().get(1).settings()).isEmpty();

        PipelineConfig second = config.pipelines().get(1);
        assertThat(second.batchSize()).isEqualTo(PipelineConfig.DEFAULT_BATCH_SIZE);
        assertThat(second.lingerMillis()).isEqualTo(PipelineConfig.DEFAULT_LINGER_MILLIS);
        assertThat(second.queueCapacity()).isEqualTo(PipelineConfig.DEFAULT_QUEUE_CAPACITY);
        assertThat(second.commitIntervalMillis()).isEqualTo(PipelineConfig.DEFAULT_COMMIT_INTERVAL_MILLIS);
        assertThat(second.processors()).isEmpty();

        assertThat(config.locations().of("$.pipelines.demo.source.settings.limit")).isEqualTo(new Location(9, 41));
        assertThat(config.locations().of("$.pipelines.demo.sink.settings.missing")).isEqualTo(new Location(12, 55));
    }

    @Test
    void anEmptyObjectMeansEveryDefault() {
        PatchbayConfig config = reader.parse(SOURCE, "{}");

        assertThat(config).usingRecursiveComparison().ignoringFields("locations")
                .isEqualTo(reader.defaults(SOURCE));
        assertThat(config.pluginsDirectory()).isEqualTo(HOME.resolve("plugins"));
        assertThat(config.stateDirectory()).isEqualTo(HOME.resolve("state"));
        assertThat(config.enabled()).isEmpty();
        assertThat(config.logFormat()).isEqualTo("text");
        assertThat(config.logLevel()).isEqualTo("INFO");
        assertThat(config.shutdownGraceSeconds()).isEqualTo(30);
    }

    @Test
    void aMissingDefaultFileMeansBuiltInDefaults(@TempDir Path home) {
        ConfigSource source = new ConfigSource(home, home.resolve("config/patchbay.json"), false);

        PatchbayConfig config = reader.read(source);

        assertThat(config.pluginsDirectory()).isEqualTo(home.resolve("plugins"));
        assertThat(config.enabled()).isEqualTo(Set.of());
    }

    @Test
    void aMissingExplicitFileIsAnErrorNamingTheFile(@TempDir Path home) {
        ConfigSource source = new ConfigSource(home, home.resolve("elsewhere.json"), true);

        assertThatThrownBy(() -> reader.read(source)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("elsewhere.json does not exist");
    }

    @Test
    void aFileThatIsNotUtf8IsReported(@TempDir Path home) throws IOException {
        Path file = home.resolve("patchbay.json");
        Files.write(file, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});

        assertThatThrownBy(() -> reader.read(new ConfigSource(home, file, true)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void aFileIsReadFromDiskAsUtf8(@TempDir Path home) throws IOException {
        Path file = home.resolve("patchbay.json");
        Files.writeString(file, "{\"plugins\": {\"directory\": \"pl\u00fcgins\"}}", StandardCharsets.UTF_8);

        PatchbayConfig config = reader.read(new ConfigSource(home, file, true));

        assertThat(config.pluginsDirectory()).isEqualTo(home.resolve("pl\u00fcgins"));
        assertThat(config.file()).isEqualTo(file);
    }

    @Test
    void keysThatAreNotSimpleNamesAreQuotedInPaths() {
        List<ConfigError> errors = errorsOf("{\"pipelines\": {\"my pipe\": {\"source\": {\"use\": \"a/b\"},"
                + " \"sink\": {\"use\": \"c/d\"}}}}");

        assertThat(errors).extracting(ConfigError::path).containsExactly("$.pipelines['my pipe']");
        assertThat(errors.get(0).message()).contains("pipeline name \"my pipe\" is not valid");
    }
}
