package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every number in the configuration has a lower and an upper bound, so that nothing derived from it later
 * (nanoseconds, milliseconds, {@code Duration}, array sizes, int arithmetic) can overflow. One table: each
 * whole-number key with its range, and the same cases applied to each; {@code ConfigDecimalsTest} does the same
 * for the keys that take a fraction.
 */
class ConfigNumbersTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final ConfigSource SOURCE = new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false);

    private final ConfigReader reader = new ConfigReader();

    /** A numeric key: where it sits in a document, its allowed range and the unit its fix names. */
    record Key(KeyDocument at, long min, long max, String unit, ToLongFunction<PatchbayConfig> read) {

        Key(String path, long min, long max, String unit, ToLongFunction<PatchbayConfig> read) {
            this(new KeyDocument(path, ""), min, max, unit, read);
        }

        String path() {
            return at.path();
        }

        String name() {
            return at.name();
        }

        /** A document whose only number of interest is this key's, on line 3. */
        String document(String value) {
            return at.text(value);
        }

        Location location(String value) {
            return at.location(value);
        }

        String fix() {
            return "use a whole number of " + unit + " from " + min + " to " + max;
        }

        @Override
        public String toString() {
            return path().substring(2);
        }
    }

    static final List<Key> KEYS = List.of(
            new Key("$.runtime.shutdownGraceSeconds", 0, 86_400, "seconds", PatchbayConfig::shutdownGraceSeconds),
            new Key("$.pipelines.demo.batchSize", 1, 1_000_000, "records", c -> c.pipelines().get(0).batchSize()),
            new Key("$.pipelines.demo.lingerMillis", 0, 3_600_000, "milliseconds",
                    c -> c.pipelines().get(0).lingerMillis()),
            new Key("$.pipelines.demo.queueCapacity", 1, 1_000_000, "records",
                    c -> c.pipelines().get(0).queueCapacity()),
            new Key("$.runtime.timeouts.callMillis", 1, 86_400_000, "milliseconds", c -> c.timeouts().callMillis()),
            new Key("$.runtime.timeouts.createMillis", 1, 86_400_000, "milliseconds",
                    c -> c.timeouts().createMillis()),
            new Key("$.runtime.timeouts.closeMillis", 1, 86_400_000, "milliseconds", c -> c.timeouts().closeMillis()),
            new Key("$.pipelines.demo.timeouts.callMillis", 1, 86_400_000, "milliseconds",
                    c -> c.pipelines().get(0).timeouts().callMillis()),
            new Key("$.pipelines.demo.timeouts.createMillis", 1, 86_400_000, "milliseconds",
                    c -> c.pipelines().get(0).timeouts().createMillis()),
            new Key("$.pipelines.demo.timeouts.closeMillis", 1, 86_400_000, "milliseconds",
                    c -> c.pipelines().get(0).timeouts().closeMillis()),
            new Key("$.pipelines.demo.maxRecordsPerSecond", 0, 1_000_000_000, "records per second",
                    c -> c.pipelines().get(0).maxRecordsPerSecond()),
            new Key("$.pipelines.demo.commitIntervalMillis", 0, 3_600_000, "milliseconds",
                    c -> c.pipelines().get(0).commitIntervalMillis()),
            new Key("$.pipelines.demo.parallelism", 1, 64, "workers", c -> c.pipelines().get(0).parallelism()),
            new Key("$.pipelines.demo.errors.maxFailures", 0, 1_000_000_000_000L, "records",
                    c -> c.pipelines().get(0).errors().maxFailures()),
            new Key("$.pipelines.demo.restart.maxRestarts", 0, 1_000_000, "restarts",
                    c -> c.pipelines().get(0).restart().maxRestarts()),
            // Each backoff bound is tried with the other at the end of the range that lets every value pass.
            new Key(new KeyDocument("$.pipelines.demo.restart.initialBackoffMillis",
                    ", \"maxBackoffMillis\": 86400000"), 0, 86_400_000, "milliseconds",
                    c -> c.pipelines().get(0).restart().initialBackoffMillis()),
            new Key(new KeyDocument("$.pipelines.demo.restart.maxBackoffMillis", ", \"initialBackoffMillis\": 0"),
                    0, 86_400_000, "milliseconds", c -> c.pipelines().get(0).restart().maxBackoffMillis()));

    private PatchbayConfig parse(String text) {
        return reader.parse(SOURCE, text);
    }

    private List<ConfigError> errorsOf(String text) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(text));
        assertThat(e).as("expected a ConfigException for:%n%s", text).isNotNull();
        return e.errors();
    }

    // ---------------------------------------------------------------- accepted

    static Stream<Arguments> accepted() {
        List<Arguments> cases = new ArrayList<>();
        for (Key key : KEYS) {
            cases.add(Arguments.of(key, "the lower bound", Long.toString(key.min()), key.min()));
            cases.add(Arguments.of(key, "the upper bound", Long.toString(key.max()), key.max()));
            if (key.min() == 0) {
                cases.add(Arguments.of(key, "negative zero, which is zero", "-0", 0L));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("accepted")
    void theBoundsThemselvesAreAccepted(Key key, String what, String value, long expected) {
        assertThat(key.read().applyAsLong(parse(key.document(value)))).isEqualTo(expected);
    }

    // ---------------------------------------------------------------- rejected

    static Stream<Arguments> rejected() {
        List<Arguments> cases = new ArrayList<>();
        for (Key key : KEYS) {
            String below = Long.toString(key.min() - 1);
            String above = Long.toString(key.max() + 1);
            cases.add(Arguments.of(key, "below the lower bound", below, below + " is out of range"));
            cases.add(Arguments.of(key, "above the upper bound", above, above + " is out of range"));
            cases.add(Arguments.of(key, "the largest long", "9223372036854775807",
                    "9223372036854775807 is out of range"));
            cases.add(Arguments.of(key, "the smallest long", "-9223372036854775808",
                    "-9223372036854775808 is out of range"));
            cases.add(Arguments.of(key, "an integer beyond long", "99999999999999999999",
                    "99999999999999999999 is out of range"));
            cases.add(Arguments.of(key, "a negative integer beyond long", "-99999999999999999999",
                    "-99999999999999999999 is out of range"));
            cases.add(Arguments.of(key, "an exponent beyond long", "1e30", "1e30 is out of range"));
            cases.add(Arguments.of(key, "an exponent beyond double", "1E400", "1E400 is out of range"));
            cases.add(Arguments.of(key, "an exponent beyond int", "1e99999999999",
                    "1e99999999999 is out of range"));
            cases.add(Arguments.of(key, "a fraction", "2.5", "2.5 is not a whole number"));
            cases.add(Arguments.of(key, "a fraction just above the upper bound", key.max() + ".5",
                    key.max() + ".5 is not a whole number"));
            cases.add(Arguments.of(key, "a tiny fraction", "1e-99999999999", "1e-99999999999 is not a whole number"));
            cases.add(Arguments.of(key, "a whole number written with a fraction", "2.0",
                    "2.0 is not written as a plain whole number"));
            // 1e3 is within every range but parallelism's (1 to 64), where 1e1 is.
            String exponent = key.max() >= 1000 ? "1e3" : "1e1";
            cases.add(Arguments.of(key, "a whole number written with an exponent", exponent,
                    exponent + " is not written as a plain whole number"));
            cases.add(Arguments.of(key, "a string", "\"30\"", "is the string \"30\" but must be a whole number"));
            cases.add(Arguments.of(key, "a boolean", "true", "is the boolean true but must be a whole number"));
            if (key.min() == 0) {
                cases.add(Arguments.of(key, "negative zero with a fraction", "-0.0",
                        "-0.0 is not written as a plain whole number"));
            } else {
                cases.add(Arguments.of(key, "zero", "0", "0 is out of range"));
                cases.add(Arguments.of(key, "negative zero", "-0", "-0 is out of range"));
                cases.add(Arguments.of(key, "negative zero with a fraction", "-0.0", "-0.0 is out of range"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("rejected")
    void aValueOutsideTheRangeIsAnErrorQuotingItWithPathLineColumnAndTheRange(Key key, String what, String value,
            String message) {
        List<ConfigError> errors = errorsOf(key.document(value));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(key.path());
            assertThat(error.location()).isEqualTo(key.location(value));
            assertThat(error.message()).startsWith("\"" + key.name() + "\"").contains(message);
            assertThat(error.fix()).contains(key.fix());
        });
    }

    @Test
    void theFormerOverflowValueReadsAsTheOperatorWroteItWithTheRangeAsTheFix() {
        String text = "{\n  \"logging\": {\"level\": \"INFO\"},\n  \"runtime\": {\"shutdownGraceSeconds\": "
                + "9223372036854775807}\n}";

        ConfigError error = errorsOf(text).get(0);

        assertThat(error.path()).isEqualTo("$.runtime.shutdownGraceSeconds");
        assertThat(error.location()).isEqualTo(new Location(3, 39));
        assertThat(error.message()).isEqualTo("\"shutdownGraceSeconds\": 9223372036854775807 is out of range");
        assertThat(error.fix()).isEqualTo("use a whole number of seconds from 0 to 86400");
    }

    @Test
    void aWholeNumberWrittenWithAnExponentIsShownInDigitsInTheFix() {
        ConfigError error = errorsOf(KEYS.get(2).document("1.5e3")).get(0);

        assertThat(error.fix()).startsWith("write 1500; use a whole number of milliseconds from 0 to 3600000");
    }

    @Test
    void everyNumberOutOfRangeIsReportedAtOnceInFileOrder() {
        String text = String.join("\n",
                "{",
                "  \"runtime\": {\"shutdownGraceSeconds\": 86401},",
                "  \"pipelines\": {",
                "    \"one\": {\"source\": {\"use\": \"a/b\"}, \"sink\": {\"use\": \"c/d\"},",
                "      \"batchSize\": 0, \"lingerMillis\": 2.5, \"queueCapacity\": 1e30},",
                "    \"two\": {\"source\": {\"use\": \"a/b\"}, \"sink\": {\"use\": \"c/d\"},",
                "      \"batchSize\": 99999999999999999999, \"queueCapacity\": -0}",
                "  }",
                "}");

        List<ConfigError> errors = errorsOf(text);

        assertThat(errors).extracting(ConfigError::path).containsExactly(
                "$.runtime.shutdownGraceSeconds",
                "$.pipelines.one.batchSize",
                "$.pipelines.one.lingerMillis",
                "$.pipelines.one.queueCapacity",
                "$.pipelines.two.batchSize",
                "$.pipelines.two.queueCapacity");
        assertThat(errors).extracting(ConfigError::message).containsExactly(
                "\"shutdownGraceSeconds\": 86401 is out of range",
                "\"batchSize\": 0 is out of range",
                "\"lingerMillis\": 2.5 is not a whole number",
                "\"queueCapacity\": 1e30 is out of range",
                "\"batchSize\": 99999999999999999999 is out of range",
                "\"queueCapacity\": -0 is out of range");
    }

    // ---------------------------------------------------------------- the value types

    @Test
    void theValueTypesRefuseWhatTheReaderRefuses() {
        StageConfig stage = new StageConfig("a/b", Map.of(), "$.pipelines.demo.source");
        assertThatThrownBy(() -> new PipelineConfig("demo", stage, List.of(), stage, 1_000_001, 0, 1, "$"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize 1000001");
        assertThatThrownBy(() -> new PipelineConfig("demo", stage, List.of(), stage, 1, 3_600_001, 1, "$"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lingerMillis 3600001");
        assertThatThrownBy(() -> new PipelineConfig("demo", stage, List.of(), stage, 1, 0, 1_000_001, "$"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queueCapacity 1000001");
        assertThatThrownBy(() -> new PatchbayConfig(HOME.resolve("patchbay.json"), HOME, HOME, Set.of(), Set.of(),
                HOME, "text", "INFO", Long.MAX_VALUE, List.of(), ConfigLocations.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shutdownGraceSeconds 9223372036854775807");
    }
}
