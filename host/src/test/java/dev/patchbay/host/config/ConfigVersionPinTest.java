package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.patchbay.host.plugin.VersionRange;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A stage's {@code "version"} pin: read on every kind of stage, and every bad pin located and explained. */
class ConfigVersionPinTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final ConfigSource SOURCE = new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false);

    private final ConfigReader reader = new ConfigReader();

    /** Lines joined with \n; single quotes become double quotes to keep the table readable. */
    private static String json(String... lines) {
        return String.join("\n", Arrays.stream(lines).map(l -> l.replace('\'', '"')).toList());
    }

    /** A pipeline 'orders' whose source carries {@code pin} (the text after "version": ) on line 4. */
    private static String sourcePinned(String pin) {
        return json("{", "  'pipelines': {", "    'orders': {",
                "      'source': {'use': 'files/csv-source', 'version': " + pin + "},",
                "      'sink': {'use': 'files/jsonl-sink'}", "    }", "  }", "}");
    }

    static Stream<Arguments> validPins() {
        return Stream.of(
                Arguments.of("'>=1.1.0 & <2.0.0'", ">=1.1.0 & <2.0.0", "1.5.0", "2.0.0"),
                Arguments.of("'1.x'", "1.x", "1.9.3", "2.0.0"),
                Arguments.of("'*'", "*", "0.0.1", null),
                Arguments.of("'  <2.0.0 '", "<2.0.0", "1.0.0", "2.0.0"),
                // A bare version means "at least", as in Plugin-Dependencies.
                Arguments.of("'1.2.0'", "1.2.0", "1.3.0", "1.1.9"),
                Arguments.of("'=1.1.0'", "=1.1.0", "1.1.0", "1.1.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPins")
    void aValidPinIsReadAsAVersionRange(String written, String expression, String inside, String outside) {
        PatchbayConfig config = reader.parse(SOURCE, sourcePinned(written));

        StageConfig source = config.pipelines().get(0).source();
        assertThat(source.version()).contains(VersionRange.of(expression));
        assertThat(source.version().orElseThrow().contains(inside)).isTrue();
        if (outside != null) {
            assertThat(source.version().orElseThrow().contains(outside)).isFalse();
        }
        assertThat(config.pipelines().get(0).sink().version()).isEmpty();
    }

    static Stream<Arguments> everyStage() {
        Function<PipelineConfig, StageConfig> source = PipelineConfig::source;
        Function<PipelineConfig, StageConfig> processor = p -> p.processors().get(0);
        Function<PipelineConfig, StageConfig> sink = PipelineConfig::sink;
        Function<PipelineConfig, StageConfig> deadLetter = p -> p.errors().deadLetter().orElseThrow();
        return Stream.of(Arguments.of("source", source, "1.0.0"), Arguments.of("processor", processor, "1.1.0"),
                Arguments.of("sink", sink, "1.2.0"), Arguments.of("deadLetter", deadLetter, "1.3.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStage")
    void everyKindOfStageMayPinAVersion(String name, Function<PipelineConfig, StageConfig> stage, String pin) {
        String text = json("{", "  'pipelines': {", "    'orders': {",
                "      'source': {'use': 'files/csv-source', 'version': '=1.0.0'},",
                "      'processors': [{'use': 'transforms/filter', 'version': '=1.1.0'}],",
                "      'sink': {'use': 'files/jsonl-sink', 'version': '=1.2.0'},",
                "      'errors': {'tolerance': 'all',",
                "                 'deadLetter': {'use': 'files/jsonl-sink', 'version': '=1.3.0'}}",
                "    }", "  }", "}");

        PipelineConfig pipeline = reader.parse(SOURCE, text).pipelines().get(0);

        assertThat(stage.apply(pipeline).version()).contains(VersionRange.of("=" + pin));
    }

    static Stream<Arguments> invalidPins() {
        return Stream.of(
                Arguments.of("not a range", "'banana'", 4, 56, "\"version\" is \"banana\" but is not a version range"),
                Arguments.of("half an expression", "'>=1.1.0 &'", 4, 56,
                        "\"version\" is \">=1.1.0 &\" but is not a version range"),
                Arguments.of("blank", "'  '", 4, 56, "\"version\" is \"  \" but is not a version range"),
                Arguments.of("a number", "1.1", 4, 56, "\"version\" is the number 1.1 but must be a string"),
                Arguments.of("an array", "['1.0.0']", 4, 56, "\"version\" is an array but must be a string"),
                Arguments.of("null", "null", 4, 56, "\"version\" is null but must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPins")
    void anInvalidPinIsAConfigErrorAtItsValue(String name, String pin, int line, int column, String message) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> reader.parse(SOURCE, sourcePinned(pin)));

        assertThat(e).isNotNull();
        assertThat(e.errors()).hasSize(1);
        ConfigError error = e.errors().get(0);
        assertThat(error.path()).isEqualTo("$.pipelines.orders.source.version");
        assertThat(error.location()).isEqualTo(new Location(line, column));
        assertThat(error.message()).contains(message).contains("pipeline 'orders'");
        assertThat(error.fix()).contains("\">=1.1.0 & <2.0.0\"").contains("leave \"version\" out");
    }

    @Test
    void aBadPinAndABadUseAreBothReported() {
        String text = json("{", "  'pipelines': {", "    'orders': {",
                "      'source': {'use': 'csv-source', 'version': 'banana'},",
                "      'sink': {'use': 'files/jsonl-sink'}", "    }", "  }", "}");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.parse(SOURCE, text));

        assertThat(e.errors()).extracting(ConfigError::path)
                .containsExactly("$.pipelines.orders.source.use", "$.pipelines.orders.source.version");
    }

    @Test
    void aStageWithoutPinHasNone() {
        StageConfig stage = new StageConfig("files/csv-source", Map.of(), "$.pipelines.a.source");

        assertThat(stage.version()).isEmpty();
        assertThat(new StageConfig("files/csv-source", Map.of(), "$.p", Map.of()).version()).isEmpty();
        assertThat(new StageConfig("files/csv-source", Map.of(), "$.p", Map.of(),
                Optional.of(VersionRange.of("1.x"))).version()).contains(VersionRange.of("1.x"));
    }

    @Test
    void thePinIsAKnownKeyOfAStage() {
        ConfigReading reading = reader.parseAll(SOURCE, sourcePinned("'1.x'"));

        assertThat(reading.errors()).isEmpty();
        assertThat(reading.stages()).extracting(use -> use.stage().version())
                .containsExactly(Optional.of(VersionRange.of("1.x")), Optional.empty());
        assertThat(reading.config().pipelines().get(0).source().toString()).contains("version=1.x");
    }
}
