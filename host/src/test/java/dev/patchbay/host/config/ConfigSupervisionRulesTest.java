package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.patchbay.host.config.ErrorPolicy.Tolerance;
import dev.patchbay.host.config.RestartPolicy.Policy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of the supervision settings that tie two keys together (a dead-letter stage needs tolerance
 * {@code all}; {@code maxBackoffMillis} is not below {@code initialBackoffMillis}), the dead-letter stage read
 * like any other stage, and a complete example. Each broken rule is a configuration error, never an exception
 * from a value type's constructor.
 */
class ConfigSupervisionRulesTest {

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
        return json("{", "  'pipelines': {", "    'demo': {" + STAGES + ", " + members + "}", "  }", "}");
    }

    private static Location at(String document, int line, String text) {
        return new Location(line, document.split("\n")[line - 1].indexOf(text.replace('\'', '"')) + 1);
    }

    private List<ConfigError> errorsOf(String text) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.parse(SOURCE, text));
        assertThat(e).as("expected a ConfigException for:%n%s", text).isNotNull();
        return e.errors();
    }

    private PipelineConfig demo(String text) {
        return reader.parse(SOURCE, text).pipelines().get(0);
    }

    // ---------------------------------------------------------------- the dead-letter stage

    @ParameterizedTest(name = "tolerance [{0}]")
    @ValueSource(strings = {"", "'tolerance': 'none', "})
    void aDeadLetterStageUnderToleranceNoneIsKeptForTheInputStagesSkip(String tolerance) {
        PipelineConfig pipeline = demo(pipeline("'errors': {" + tolerance + "'deadLetter': {'use': 'x/dead'}}"));

        assertThat(pipeline.errors().tolerance()).isEqualTo(ErrorPolicy.Tolerance.NONE);
        assertThat(pipeline.errors().deadLetter()).map(StageConfig::use).contains("x/dead");
    }

    @Test
    void aToleranceOutsideTheChoicesIsTheOnlyErrorEvenWithADeadLetterStage() {
        String text = pipeline("'errors': {'tolerance': 'most', 'deadLetter': {'use': 'x/dead'}}");

        assertThat(errorsOf(text)).extracting(ConfigError::path).containsExactly(P + ".errors.tolerance");
    }

    @Test
    void aDeadLetterStageIsReadLikeTheSinkWithItsOwnPath() {
        PipelineConfig demo = demo(pipeline(
                "'errors': {'tolerance': 'all', 'deadLetter': {'use': 'x/dead', 'settings': {'path': 'dead.jsonl'}}}"));

        assertThat(demo.errors().deadLetter())
                .contains(new StageConfig("x/dead", Map.of("path", "dead.jsonl"), P + ".errors.deadLetter"));
    }

    @Test
    void aNullDeadLetterIsNone() {
        assertThat(demo(pipeline("'errors': {'deadLetter': null}")).errors().deadLetter()).isEmpty();
    }

    static Stream<Arguments> deadLetterStageProblems() {
        return Stream.of(
                Arguments.of("{'settings': {}}", P + ".errors.deadLetter.use", "{'settings'",
                        "the stage has no \"use\""),
                Arguments.of("{'use': 'dead'}", P + ".errors.deadLetter.use", "'dead'",
                        "\"use\" is \"dead\" but must have the form plugin-id/extension-name"),
                Arguments.of("{'use': 7}", P + ".errors.deadLetter.use", "7",
                        "\"use\" is the number 7 but must be a string"),
                Arguments.of("{'use': 'x/dead', 'settings': []}", P + ".errors.deadLetter.settings", "[]",
                        "\"settings\" is an array but must be an object"),
                Arguments.of("{'use': 'x/dead', 'settings': {'n': 99999999999999999999}}",
                        P + ".errors.deadLetter.settings.n", "99999999999999999999",
                        "the integer 99999999999999999999 does not fit in a 64-bit long"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deadLetterStageProblems")
    void aBrokenDeadLetterStageIsReportedByTheStageRulesAtItsPath(String stage, String path, String value,
            String message) {
        String text = pipeline("'errors': {'tolerance': 'all', 'deadLetter': " + stage + "}");

        assertThat(errorsOf(text)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.location()).isEqualTo(at(text, 3, value));
            assertThat(error.message()).isEqualTo(message);
        });
    }

    // ---------------------------------------------------------------- backoff order

    static Stream<Arguments> backoffOutOfOrder() {
        return Stream.of(
                Arguments.of("'initialBackoffMillis': 1000, 'maxBackoffMillis': 999", "999",
                        "\"maxBackoffMillis\": 999 is below \"initialBackoffMillis\": 1000",
                        "make \"maxBackoffMillis\" at least 1000 or \"initialBackoffMillis\" at most 999"),
                Arguments.of("'maxBackoffMillis': 999", "999",
                        "\"maxBackoffMillis\": 999 is below \"initialBackoffMillis\": 1000 (the default)",
                        "make \"maxBackoffMillis\" at least 1000 or \"initialBackoffMillis\" at most 999"),
                Arguments.of("'initialBackoffMillis': 120000", "{'initialBackoffMillis'",
                        "\"maxBackoffMillis\": 60000 (the default) is below \"initialBackoffMillis\": 120000",
                        "make \"maxBackoffMillis\" at least 120000 or \"initialBackoffMillis\" at most 60000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backoffOutOfOrder")
    void aMaximumBackoffBelowTheInitialIsAnErrorAtTheMaximumQuotingBoth(String members, String value,
            String message, String fix) {
        String text = pipeline("'restart': {" + members + "}");

        assertThat(errorsOf(text)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(P + ".restart.maxBackoffMillis");
            assertThat(error.location()).isEqualTo(at(text, 3, value));
            assertThat(error.message()).isEqualTo(message);
            assertThat(error.fix()).isEqualTo(fix);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"'initialBackoffMillis': 1000, 'maxBackoffMillis': 1000",
            "'initialBackoffMillis': 0, 'maxBackoffMillis': 0", "'initialBackoffMillis': 60000",
            "'maxBackoffMillis': 1000", "'initialBackoffMillis': 86400000, 'maxBackoffMillis': 86400000"})
    void aMaximumBackoffEqualToOrAboveTheInitialIsAccepted(String members) {
        RestartPolicy restart = demo(pipeline("'restart': {" + members + "}")).restart();

        assertThat(restart.maxBackoffMillis()).isGreaterThanOrEqualTo(restart.initialBackoffMillis());
    }

    @Test
    void aBackoffThatIsItselfInvalidIsNotAlsoReportedAsOutOfOrder() {
        String text = pipeline("'restart': {'initialBackoffMillis': 2.5, 'maxBackoffMillis': 1}");

        assertThat(errorsOf(text)).extracting(ConfigError::path)
                .containsExactly(P + ".restart.initialBackoffMillis");
    }

    // ---------------------------------------------------------------- together

    @Test
    void aCompleteExampleBecomesTheExpectedRecords() {
        String text = json(
                "{",
                "  'runtime': {'shutdownGraceSeconds': 30,",
                "              'timeouts': {'callMillis': 20000, 'createMillis': 45000, 'closeMillis': 5000}},",
                "  'pipelines': {",
                "    'demo': {",
                "      'source': {'use': 'files/csv-source', 'settings': {'path': 'in.csv'}},",
                "      'sink': {'use': 'files/jsonl-sink', 'settings': {'path': 'out.jsonl'}},",
                "      'timeouts': {'callMillis': 1500},",
                "      'errors': {'tolerance': 'all', 'maxFailures': 100, 'maxFailureRatio': 0.05,",
                "                 'deadLetter': {'use': 'files/jsonl-sink', 'settings': {'path': 'dead.jsonl'}}},",
                "      'restart': {'policy': 'on-failure', 'maxRestarts': 5, 'initialBackoffMillis': 500,",
                "                  'maxBackoffMillis': 30000, 'multiplier': 1.5, 'jitter': 1e-1},",
                "      'maxRecordsPerSecond': 2000",
                "    }",
                "  }",
                "}");

        PatchbayConfig config = reader.parse(SOURCE, text);

        assertThat(config.timeouts()).isEqualTo(new Timeouts(20_000, 45_000, 5_000));
        assertThat(config.pipelines()).containsExactly(new PipelineConfig("demo",
                new StageConfig("files/csv-source", Map.of("path", "in.csv"), P + ".source"), List.of(),
                new StageConfig("files/jsonl-sink", Map.of("path", "out.jsonl"), P + ".sink"),
                PipelineConfig.DEFAULT_BATCH_SIZE, PipelineConfig.DEFAULT_LINGER_MILLIS,
                PipelineConfig.DEFAULT_QUEUE_CAPACITY, new Timeouts(1_500, 45_000, 5_000),
                new ErrorPolicy(Tolerance.ALL, Optional.of(new StageConfig("files/jsonl-sink",
                        Map.of("path", "dead.jsonl"), P + ".errors.deadLetter")), 100, 0.05),
                new RestartPolicy(Policy.ON_FAILURE, 5, 500, 30_000, 1.5, 0.1), 2_000, P));
        assertThat(config.locations().of(P + ".errors.deadLetter.settings.path")).isEqualTo(new Location(10, 81));
    }

    @Test
    void everySupervisionErrorIsReportedAtOnceInFileOrder() {
        String text = json(
                "{",
                "  'runtime': {'timeouts': {'callMillis': 0}},",
                "  'pipelines': {",
                "    'demo': {" + STAGES + ",",
                "      'timeouts': {'closeMillis': 'soon'},",
                "      'errors': {'deadLetter': {'use': 'x/dead'}, 'maxFailureRatio': 2},",
                "      'restart': {'policy': 'sometimes', 'maxBackoffMillis': 10, 'jitter': true},",
                "      'maxRecordsPerSecond': -1",
                "    }",
                "  }",
                "}");

        assertThat(errorsOf(text)).extracting(ConfigError::path).containsExactly(
                "$.runtime.timeouts.callMillis",
                P + ".timeouts.closeMillis",
                P + ".errors.maxFailureRatio",
                P + ".restart.policy",
                P + ".restart.maxBackoffMillis",
                P + ".restart.jitter",
                P + ".maxRecordsPerSecond");
    }
}
