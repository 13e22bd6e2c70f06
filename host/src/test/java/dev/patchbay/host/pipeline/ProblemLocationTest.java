package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.config.ConfigException;
import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.config.ConfigSource;
import dev.patchbay.host.config.Location;
import dev.patchbay.host.config.PatchbayConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where each kind of "unknown" problem points. The rule: when the name that is wrong is a key of the file, the
 * error points at the key, because that is what the operator must change (the value under a misspelt key is
 * usually right); when the name that is wrong is a string value, the error points at the value. Every
 * document below puts the offending member on line 3, and {@code \u00bb} in the table marks the column the
 * error must point at, so the table shows what each case points at.
 */
class ProblemLocationTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final ConfigSource SOURCE = new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false);
    private static final String SOURCE_STAGE = "'source': {'use': 'files/csv-source', 'settings': {'path': 'in.csv'}}";
    private static final String SINK_STAGE = "'sink': {'use': 'files/jsonl-sink'}";
    private static final String STAGES = SOURCE_STAGE + ", " + SINK_STAGE;
    /** Marks, in a case's line, the column the error must point at; removed before the text is read. */
    private static final String MARK = "\u00bb";

    static Stream<Arguments> cases() {
        return Stream.of(
                // A misspelt key: the key is what to change.
                Arguments.of("unknown top-level key: the key", "$.bogus",
                        "  »'bogus': {'directory': 'plugins'},"),
                Arguments.of("unknown key in a section: the key", "$.plugins.dir",
                        "  'plugins': {»'dir': 'x'},"),
                Arguments.of("unknown pipeline key: the key", "$.pipelines.demo.batchSise",
                        "  'pipelines': {'demo': {" + STAGES + ", »'batchSise': 5}},"),
                Arguments.of("unknown stage key: the key", "$.pipelines.demo.sink.setings",
                        "  'pipelines': {'demo': {" + SOURCE_STAGE + ", 'sink': {'use': 'files/jsonl-sink', "
                                + "»'setings': {}}}},"),
                Arguments.of("pipeline name that is not valid: the name, which is a key", "$.pipelines['my demo']",
                        "  'pipelines': {»'my demo': {" + STAGES + "}},"),
                // Checked against the plugins: a setting name is a key, an extension name is a value.
                Arguments.of("unknown setting name: the key", "$.pipelines.demo.source.settings.limt",
                        "  'pipelines': {'demo': {'source': {'use': 'files/csv-source', 'settings': {'path': 'in.csv', "
                                + "»'limt': 5}}, " + SINK_STAGE + "}},"),
                Arguments.of("unknown extension name in use: the value", "$.pipelines.demo.source.use",
                        "  'pipelines': {'demo': {'source': {'use': »'files/csv-sorce', 'settings': "
                                + "{'path': 'in.csv'}}, " + SINK_STAGE + "}},"),
                Arguments.of("unknown plugin in use: the value", "$.pipelines.demo.sink.use",
                        "  'pipelines': {'demo': {" + SOURCE_STAGE + ", 'sink': {'use': »'fils/jsonl-sink'}}},"),
                Arguments.of("setting value outside the choices: the value", "$.pipelines.demo.source.settings.mode",
                        "  'pipelines': {'demo': {'source': {'use': 'files/csv-source', 'settings': {'path': 'in.csv', "
                                + "'mode': »'medium'}}, " + SINK_STAGE + "}},"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachProblemPointsAtWhatTheOperatorMustChange(String name, String path, String marked) {
        Location expected = new Location(3, marked.indexOf(MARK) + 1);
        String member = marked.replace(MARK, "");
        String text = ("{\n  'logging': {'level': 'INFO'},\n" + member + "\n  'state': {}\n}").replace('\'', '"');

        List<ConfigError> errors = errorsOf(text);

        assertThat(errors).as(name).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.location()).as(name).isEqualTo(expected);
        });
    }

    /** The file's own errors, or if it has none, the errors of its pipelines against the test plugins. */
    private static List<ConfigError> errorsOf(String text) {
        ConfigReader reader = new ConfigReader();
        ConfigException invalid = catchThrowableOfType(ConfigException.class, () -> reader.parse(SOURCE, text));
        if (invalid != null) {
            return invalid.errors();
        }
        PatchbayConfig config = reader.parse(SOURCE, text);
        return new PipelineValidator().validate(config, new TestCatalog()
                .plugin("files", new PipelineValidatorTest.CsvSourceFactory(),
                        new PipelineValidatorTest.JsonlSinkFactory()));
    }
}
