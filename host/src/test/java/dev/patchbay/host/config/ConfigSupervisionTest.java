package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.patchbay.host.config.ErrorPolicy.Tolerance;
import dev.patchbay.host.config.RestartPolicy.Policy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-pipeline supervision settings, {@code timeouts}, {@code errors}, {@code restart} and
 * {@code maxRecordsPerSecond}, and the runtime-level {@code runtime.timeouts}: defaults, fallbacks, and every
 * problem as an error with path, line, column and fix. The ranges of their numbers are in
 * {@code ConfigNumbersTest} and {@code ConfigDecimalsTest}.
 */
class ConfigSupervisionTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final ConfigSource SOURCE = new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false);
    private static final String P = "$.pipelines.demo";
    private static final String STAGES = "'source': {'use': 'a/b'}, 'sink': {'use': 'c/d'}";

    private final ConfigReader reader = new ConfigReader();

    /** Lines joined with \n; single quotes become double quotes to keep the tables readable. */
    private static String json(String... lines) {
        return String.join("\n", Arrays.stream(lines).map(l -> l.replace('\'', '"')).toList());
    }

    /** A document with one pipeline "demo" whose members after its stages are {@code members}, on line 3. */
    private static String pipeline(String members) {
        return json("{", "  'pipelines': {", "    'demo': {" + STAGES + (members.isEmpty() ? "" : ", " + members)
                + "}", "  }", "}");
    }

    private static Location at(String document, int line, String text) {
        return new Location(line, document.split("\n")[line - 1].indexOf(text.replace('\'', '"')) + 1);
    }

    /** Where {@code key} starts on line 3: an unknown key is reported at the key, which is what to change. */
    private static Location keyOf(String document, String key) {
        return new Location(3, document.split("\n")[2].indexOf("\"" + key + "\": ") + 1);
    }

    private List<ConfigError> errorsOf(String text) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.parse(SOURCE, text));
        assertThat(e).as("expected a ConfigException for:%n%s", text).isNotNull();
        return e.errors();
    }

    private PipelineConfig demo(String text) {
        return reader.parse(SOURCE, text).pipelines().get(0);
    }

    // ---------------------------------------------------------------- defaults

    /** A key, how to read it from a configuration, and its default. */
    record Default(String key, Function<PatchbayConfig, Object> read, Object expected) {

        static Default ofPipeline(String key, Function<PipelineConfig, Object> read, Object expected) {
            return new Default(key, config -> read.apply(config.pipelines().get(0)), expected);
        }

        @Override
        public String toString() {
            return key;
        }
    }

    static final List<Default> DEFAULTS = List.of(
            new Default("runtime.timeouts.callMillis", c -> c.timeouts().callMillis(), 30_000L),
            new Default("runtime.timeouts.createMillis", c -> c.timeouts().createMillis(), 60_000L),
            new Default("runtime.timeouts.closeMillis", c -> c.timeouts().closeMillis(), 10_000L),
            Default.ofPipeline("timeouts.callMillis", p -> p.timeouts().callMillis(), 30_000L),
            Default.ofPipeline("timeouts.createMillis", p -> p.timeouts().createMillis(), 60_000L),
            Default.ofPipeline("timeouts.closeMillis", p -> p.timeouts().closeMillis(), 10_000L),
            Default.ofPipeline("errors.tolerance", p -> p.errors().tolerance(), Tolerance.NONE),
            Default.ofPipeline("errors.deadLetter", p -> p.errors().deadLetter(), Optional.empty()),
            Default.ofPipeline("errors.maxFailures", p -> p.errors().maxFailures(), 1_000_000_000_000L),
            Default.ofPipeline("errors.maxFailureRatio", p -> p.errors().maxFailureRatio(), 0.1),
            Default.ofPipeline("restart.policy", p -> p.restart().policy(), Policy.NEVER),
            Default.ofPipeline("restart.maxRestarts", p -> p.restart().maxRestarts(), 10),
            Default.ofPipeline("restart.initialBackoffMillis", p -> p.restart().initialBackoffMillis(), 1000L),
            Default.ofPipeline("restart.maxBackoffMillis", p -> p.restart().maxBackoffMillis(), 60_000L),
            Default.ofPipeline("restart.multiplier", p -> p.restart().multiplier(), 2.0),
            Default.ofPipeline("restart.jitter", p -> p.restart().jitter(), 0.2),
            Default.ofPipeline("maxRecordsPerSecond", PipelineConfig::maxRecordsPerSecond, 0L));

    static Stream<Arguments> defaults() {
        String absent = pipeline("");
        String empty = json("{", "  'runtime': {'timeouts': {}},", "  'pipelines': {",
                "    'demo': {" + STAGES + ", 'timeouts': {}, 'errors': {}, 'restart': {}}", "  }", "}");
        String nulls = json("{", "  'runtime': {'timeouts': null},", "  'pipelines': {",
                "    'demo': {" + STAGES + ", 'timeouts': null, 'errors': null, 'restart': null,"
                        + " 'maxRecordsPerSecond': null}", "  }", "}");
        return DEFAULTS.stream().flatMap(key -> Stream.of(Arguments.of(key, "objects absent", absent),
                Arguments.of(key, "objects empty", empty), Arguments.of(key, "values null", nulls)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("defaults")
    void everyKeyHasItsDefault(Default key, String how, String document) {
        assertThat(key.read().apply(reader.parse(SOURCE, document))).isEqualTo(key.expected());
    }

    @Test
    void theDefaultsAreTheValueTypesDefaults() {
        PatchbayConfig config = reader.parse(SOURCE, pipeline(""));

        assertThat(config.timeouts()).isEqualTo(Timeouts.DEFAULT);
        assertThat(config.pipelines().get(0).timeouts()).isEqualTo(Timeouts.DEFAULT);
        assertThat(config.pipelines().get(0).errors()).isEqualTo(ErrorPolicy.DEFAULT);
        assertThat(config.pipelines().get(0).restart()).isEqualTo(RestartPolicy.DEFAULT);
    }

    // ---------------------------------------------------------------- runtime.timeouts as the fallback

    static Stream<Arguments> timeoutFallbacks() {
        return Stream.of(
                Arguments.of("", new Timeouts(111, 222, 333)),
                Arguments.of("'callMillis': 7", new Timeouts(7, 222, 333)),
                Arguments.of("'createMillis': 8", new Timeouts(111, 8, 333)),
                Arguments.of("'closeMillis': 9", new Timeouts(111, 222, 9)),
                Arguments.of("'callMillis': 7, 'createMillis': 8, 'closeMillis': 9", new Timeouts(7, 8, 9)));
    }

    @ParameterizedTest(name = "pipeline timeouts [{0}] -> {1}")
    @MethodSource("timeoutFallbacks")
    void eachPipelineTimeoutMissingFallsBackToRuntimeTimeouts(String pipelineTimeouts, Timeouts expected) {
        String text = json("{",
                "  'runtime': {'timeouts': {'callMillis': 111, 'createMillis': 222, 'closeMillis': 333}},",
                "  'pipelines': {", "    'demo': {" + STAGES + ", 'timeouts': {" + pipelineTimeouts + "}},",
                "    'other': {" + STAGES + "}", "  }", "}");

        PatchbayConfig config = reader.parse(SOURCE, text);

        assertThat(config.timeouts()).isEqualTo(new Timeouts(111, 222, 333));
        assertThat(config.pipelines().get(0).timeouts()).isEqualTo(expected);
        assertThat(config.pipelines().get(1).timeouts()).isEqualTo(new Timeouts(111, 222, 333));
    }

    @Test
    void aRuntimeTimeoutGivenAloneKeepsTheOtherDefaults() {
        PatchbayConfig config = reader.parse(SOURCE, json("{", "  'runtime': {'timeouts': {'closeMillis': 5}},",
                "  'pipelines': {'demo': {" + STAGES + "}}", "}"));

        assertThat(config.timeouts()).isEqualTo(new Timeouts(30_000, 60_000, 5));
        assertThat(config.pipelines().get(0).timeouts()).isEqualTo(new Timeouts(30_000, 60_000, 5));
    }

    // ---------------------------------------------------------------- structure

    static Stream<Arguments> unknownKeys() {
        return Stream.of(
                Arguments.of(json("{", "  'runtime': {", "    'timeouts': {'callMilis': 5}", "  }", "}"),
                        "$.runtime.timeouts.callMilis", "callMillis"),
                Arguments.of(json("{", "  'runtime': {", "    'timeout': {}", "  }", "}"),
                        "$.runtime.timeout", "timeouts"),
                Arguments.of(pipeline("'timeouts': {'closeMilis': 5}"), P + ".timeouts.closeMilis", "closeMillis"),
                Arguments.of(pipeline("'timeout': {}"), P + ".timeout", "timeouts"),
                Arguments.of(pipeline("'errors': {'tolerence': 'all'}"), P + ".errors.tolerence", "tolerance"),
                Arguments.of(pipeline("'errors': {'deadletter': null}"), P + ".errors.deadletter", "deadLetter"),
                Arguments.of(pipeline("'errors': {'maxFailure': 1}"), P + ".errors.maxFailure", "maxFailures"),
                Arguments.of(pipeline("'errors': {'maxFailuresRatio': 1}"), P + ".errors.maxFailuresRatio",
                        "maxFailureRatio"),
                Arguments.of(pipeline("'restart': {'polcy': 'never'}"), P + ".restart.polcy", "policy"),
                Arguments.of(pipeline("'restart': {'maxRestart': 1}"), P + ".restart.maxRestart", "maxRestarts"),
                Arguments.of(pipeline("'restart': {'initialBackoff': 1}"), P + ".restart.initialBackoff",
                        "initialBackoffMillis"),
                Arguments.of(pipeline("'restart': {'jiter': 0}"), P + ".restart.jiter", "jitter"),
                Arguments.of(pipeline("'restarts': {}"), P + ".restarts", "restart"),
                Arguments.of(pipeline("'maxRecordPerSecond': 1"), P + ".maxRecordPerSecond", "maxRecordsPerSecond"),
                Arguments.of(pipeline("'errors': {'tolerance': 'all', 'deadLetter': {'use': 'c/d', 'setings': {}}}"),
                        P + ".errors.deadLetter.setings", "settings"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unknownKeys")
    void anUnknownKeyIsAnErrorSuggestingTheKnownKeyItResembles(String text, String path, String suggestion) {
        String key = path.substring(path.lastIndexOf('.') + 1);

        assertThat(errorsOf(text)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.location()).isEqualTo(keyOf(text, key));
            assertThat(error.message()).isEqualTo("unknown key \"" + key + "\"");
            assertThat(error.fix()).startsWith("did you mean \"" + suggestion + "\"? remove it or use one of");
        });
    }

    static Stream<Arguments> notObjects() {
        return Stream.of(
                Arguments.of(json("{", "  'runtime': {", "    'timeouts': 5000", "  }", "}"), "$.runtime.timeouts",
                        "5000", "\"timeouts\" is the number 5000 but must be an object"),
                Arguments.of(pipeline("'timeouts': 'fast'"), P + ".timeouts", "'fast'",
                        "\"timeouts\" is the string \"fast\" but must be an object"),
                Arguments.of(pipeline("'errors': 'all'"), P + ".errors", "'all'",
                        "\"errors\" is the string \"all\" but must be an object"),
                Arguments.of(pipeline("'restart': true"), P + ".restart", "true",
                        "\"restart\" is the boolean true but must be an object"),
                Arguments.of(pipeline("'restart': ['on-failure']"), P + ".restart", "[",
                        "\"restart\" is an array but must be an object"),
                Arguments.of(pipeline("'errors': {'tolerance': 'all', 'deadLetter': 'x/dead'}"),
                        P + ".errors.deadLetter", "'x/dead'",
                        "a stage is the string \"x/dead\" but must be an object"));
    }

    @ParameterizedTest(name = "{1}: {3}")
    @MethodSource("notObjects")
    void aValueThatMustBeAnObjectAndIsNotIsAnError(String text, String path, String value, String message) {
        assertThat(errorsOf(text)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.location()).isEqualTo(at(text, 3, value));
            assertThat(error.message()).isEqualTo(message);
            assertThat(error.fix()).isNotBlank();
        });
    }

    static Stream<Arguments> badChoices() {
        return Stream.of(
                Arguments.of("'errors': {'tolerance': 'some'}", P + ".errors.tolerance", "'some'",
                        "\"tolerance\" is the string \"some\" but must be one of \"none\", \"all\""),
                Arguments.of("'errors': {'tolerance': 'ALL'}", P + ".errors.tolerance", "'ALL'",
                        "\"tolerance\" is the string \"ALL\" but must be one of \"none\", \"all\""),
                Arguments.of("'errors': {'tolerance': true}", P + ".errors.tolerance", "true",
                        "\"tolerance\" is the boolean true but must be one of \"none\", \"all\""),
                Arguments.of("'restart': {'policy': 'always'}", P + ".restart.policy", "'always'",
                        "\"policy\" is the string \"always\" but must be one of \"never\", \"on-failure\""),
                Arguments.of("'restart': {'policy': 'on_failure'}", P + ".restart.policy", "'on_failure'",
                        "\"policy\" is the string \"on_failure\" but must be one of \"never\", \"on-failure\""),
                Arguments.of("'restart': {'policy': 1}", P + ".restart.policy", "1",
                        "\"policy\" is the number 1 but must be one of \"never\", \"on-failure\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badChoices")
    void aWordOutsideTheChoicesIsAnErrorListingThem(String members, String path, String value, String message) {
        String text = pipeline(members);

        assertThat(errorsOf(text)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.location()).isEqualTo(at(text, 3, value));
            assertThat(error.message()).isEqualTo(message);
            assertThat(error.fix()).startsWith("write one of");
        });
    }

    @Test
    void theWordsOfBothChoicesBecomeTheirEnums() {
        PipelineConfig demo = demo(pipeline("'errors': {'tolerance': 'all'}, 'restart': {'policy': 'on-failure'}"));

        assertThat(demo.errors().tolerance()).isEqualTo(Tolerance.ALL);
        assertThat(demo.restart().policy()).isEqualTo(Policy.ON_FAILURE);
        assertThat(demo(pipeline("'errors': {'tolerance': 'none'}, 'restart': {'policy': 'never'}")))
                .satisfies(p -> {
                    assertThat(p.errors().tolerance()).isEqualTo(Tolerance.NONE);
                    assertThat(p.restart().policy()).isEqualTo(Policy.NEVER);
                });
    }
}
