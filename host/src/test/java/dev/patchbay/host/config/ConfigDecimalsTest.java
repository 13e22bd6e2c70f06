package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The keys that take a fraction are judged by the exact value written, not by the double it rounds to, and
 * quoted as written: {@code 1.00000000000000000001} is above 1 although it reads as 1.0. One table: each
 * decimal key with its range, and the same cases applied to each.
 */
class ConfigDecimalsTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final ConfigSource SOURCE = new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false);

    private final ConfigReader reader = new ConfigReader();

    /**
     * A decimal key: where it sits, its range as written in the fix, and the values just inside and just
     * outside each end.
     */
    record Key(KeyDocument at, String range, String lowest, String belowLowest, String highest,
            String aboveHighest, ToDoubleFunction<PipelineConfig> read) {

        String fix() {
            return "use a number " + range;
        }

        @Override
        public String toString() {
            return at.path().substring(2);
        }
    }

    static final Key RATIO = new Key(new KeyDocument("$.pipelines.demo.errors.maxFailureRatio", ""),
            "above 0 and at most 1", "0.00000000000000000001", "0", "1", "1.00000000000000000001",
            p -> p.errors().maxFailureRatio());
    static final Key MULTIPLIER = new Key(new KeyDocument("$.pipelines.demo.restart.multiplier", ""),
            "from 1 to 10", "1", "0.99999999999999999999", "10", "10.00000000000000000001",
            p -> p.restart().multiplier());
    static final Key JITTER = new Key(new KeyDocument("$.pipelines.demo.restart.jitter", ""),
            "from 0 to 1", "0", "-0.00000000000000000001", "1", "1.00000000000000000001",
            p -> p.restart().jitter());
    static final List<Key> KEYS = List.of(RATIO, MULTIPLIER, JITTER);

    private double read(Key key, String value) {
        return key.read().applyAsDouble(reader.parse(SOURCE, key.at().text(value)).pipelines().get(0));
    }

    private List<ConfigError> errorsOf(String text) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.parse(SOURCE, text));
        assertThat(e).as("expected a ConfigException for:%n%s", text).isNotNull();
        return e.errors();
    }

    static Stream<Arguments> accepted() {
        List<Arguments> cases = new ArrayList<>();
        for (Key key : KEYS) {
            cases.add(Arguments.of(key, "the lowest value", key.lowest(), Double.parseDouble(key.lowest())));
            cases.add(Arguments.of(key, "the highest value", key.highest(), Double.parseDouble(key.highest())));
            cases.add(Arguments.of(key, "the highest value with a fraction", key.highest() + ".0",
                    Double.parseDouble(key.highest())));
            cases.add(Arguments.of(key, "a value just below the highest, which rounds to it",
                    (Integer.parseInt(key.highest()) - 1) + ".99999999999999999999",
                    Double.parseDouble(key.highest())));
        }
        cases.add(Arguments.of(RATIO, "an exponent", "1e-1", 0.1));
        cases.add(Arguments.of(RATIO, "a capital exponent", "1E-1", 0.1));
        cases.add(Arguments.of(RATIO, "trailing zeros", "0.10", 0.1));
        cases.add(Arguments.of(RATIO, "the smallest double", "4.9e-324", Double.MIN_VALUE));
        cases.add(Arguments.of(MULTIPLIER, "a fraction", "1.5", 1.5));
        cases.add(Arguments.of(MULTIPLIER, "a whole number with an exponent", "1e1", 10.0));
        cases.add(Arguments.of(MULTIPLIER, "a mantissa with an exponent", "0.25E1", 2.5));
        cases.add(Arguments.of(JITTER, "negative zero", "-0", 0.0));
        cases.add(Arguments.of(JITTER, "negative zero with a fraction", "-0.0", 0.0));
        cases.add(Arguments.of(JITTER, "an exponent", "2e-1", 0.2));
        cases.add(Arguments.of(JITTER, "trailing zeros", "0.20", 0.2));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("accepted")
    void aValueWithinTheRangeIsAccepted(Key key, String what, String value, double expected) {
        assertThat(read(key, value)).isEqualTo(expected);
    }

    static Stream<Arguments> rejected() {
        List<Arguments> cases = new ArrayList<>();
        for (Key key : KEYS) {
            cases.add(Arguments.of(key, "just below the lowest, although it rounds to it", key.belowLowest(),
                    key.belowLowest() + " is out of range"));
            cases.add(Arguments.of(key, "just above the highest, although it rounds to it", key.aboveHighest(),
                    key.aboveHighest() + " is out of range"));
            cases.add(Arguments.of(key, "far below", "-5", "-5 is out of range"));
            cases.add(Arguments.of(key, "far above", "11.5", "11.5 is out of range"));
            cases.add(Arguments.of(key, "an exponent beyond double", "1E400", "1E400 is out of range"));
            cases.add(Arguments.of(key, "an exponent beyond int", "1e99999999999", "1e99999999999 is out of range"));
            cases.add(Arguments.of(key, "a string", "\"0.5\"", "is the string \"0.5\" but must be a number"));
            cases.add(Arguments.of(key, "a string that reads as not-a-number", "\"NaN\"",
                    "is the string \"NaN\" but must be a number"));
            cases.add(Arguments.of(key, "a string that reads as infinity", "\"Infinity\"",
                    "is the string \"Infinity\" but must be a number"));
            cases.add(Arguments.of(key, "a boolean", "true", "is the boolean true but must be a number"));
            cases.add(Arguments.of(key, "an array", "[0.5]", "is an array but must be a number"));
        }
        cases.add(Arguments.of(RATIO, "negative zero", "-0", "-0 is out of range"));
        cases.add(Arguments.of(RATIO, "zero with a fraction", "0.0", "0.0 is out of range"));
        cases.add(Arguments.of(RATIO, "a value above zero too small for a double", "1e-400",
                "1e-400 is too close to 0 to be told apart from it"));
        cases.add(Arguments.of(RATIO, "a value above zero with an exponent beyond int", "1e-99999999999",
                "1e-99999999999 is too close to 0 to be told apart from it"));
        cases.add(Arguments.of(JITTER, "a value below zero too small for a double", "-1e-400",
                "-1e-400 is out of range"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("rejected")
    void aValueOutsideTheRangeIsAnErrorQuotingItWithPathLineColumnAndTheRange(Key key, String what, String value,
            String message) {
        List<ConfigError> errors = errorsOf(key.at().text(value));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(key.at().path());
            assertThat(error.location()).isEqualTo(key.at().location(value));
            assertThat(error.message()).isEqualTo("\"" + key.at().name() + "\"" + (message.startsWith("is ")
                    ? " " : ": ") + message);
            assertThat(error.fix()).isEqualTo(key.fix());
        });
    }
}
