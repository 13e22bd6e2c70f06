package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
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

class SettingTest {

    private static final Setting PATH = Setting.required("path", SettingType.STRING, "The file to read.");

    @Test
    void aRequiredSettingHasNoDefaultAndNoChoices() {
        assertThat(PATH.key()).isEqualTo("path");
        assertThat(PATH.type()).isEqualTo(SettingType.STRING);
        assertThat(PATH.required()).isTrue();
        assertThat(PATH.description()).isEqualTo("The file to read.");
        assertThat(PATH.defaultValue()).isEmpty();
        assertThat(PATH.choices()).isEmpty();
    }

    @Test
    void anOptionalSettingHasNoDefaultUntilGivenOne() {
        Setting limit = Setting.optional("limit", SettingType.LONG, "Stop after this many rows.");

        Setting defaulted = limit.withDefault(10);

        assertThat(limit.required()).isFalse();
        assertThat(limit.defaultValue()).isEmpty();
        assertThat(defaulted.defaultValue()).contains(10L);
        assertThat(defaulted.required()).isFalse();
        assertThat(defaulted.key()).isEqualTo("limit");
        assertThat(defaulted.description()).isEqualTo("Stop after this many rows.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a", "path", "maxBatchSize", "utf8"})
    void acceptsLowerCamelCaseKeys(String key) {
        assertThat(Setting.optional(key, SettingType.STRING, "x").key()).isEqualTo(key);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "Path", "max-size", "max_size", "1st", "max size"})
    void rejectsOtherKeysQuotingThem(String key) {
        assertThatThrownBy(() -> Setting.required(key, SettingType.STRING, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting key '" + key
                        + "' is not valid; use lowerCamelCase letters and digits, for example 'maxBatchSize'");
    }

    @Test
    void rejectsNullPartsNamingThem() {
        assertThatThrownBy(() -> Setting.required(null, SettingType.STRING, "x")).hasMessage("key");
        assertThatThrownBy(() -> Setting.required("k", null, "x")).hasMessage("type");
        assertThatThrownBy(() -> Setting.optional("k", SettingType.STRING, null)).hasMessage("description");
        assertThatThrownBy(() -> Setting.optional("k", SettingType.STRING, "x").withDefault(null))
                .isInstanceOf(NullPointerException.class).hasMessage("value");
    }

    static Stream<Arguments> defaults() {
        return Stream.of(
                Arguments.of(SettingType.STRING, ",", ","),
                Arguments.of(SettingType.LONG, 5, 5L),
                Arguments.of(SettingType.DOUBLE, 2, 2.0d),
                Arguments.of(SettingType.DOUBLE, 0.5f, 0.5d),
                Arguments.of(SettingType.BOOLEAN, false, false),
                Arguments.of(SettingType.LIST, List.of(1), List.of(1L)),
                Arguments.of(SettingType.OBJECT, Map.of("k", "v"), Fields.of("k").record("v")));
    }

    @ParameterizedTest(name = "{0} default {1}")
    @MethodSource("defaults")
    void convertsTheDefaultToTheSettingsType(SettingType type, Object given, Object expected) {
        Object value = Setting.optional("k", type, "x").withDefault(given).defaultValue().orElseThrow();

        assertThat(value).isEqualTo(expected)
                .isInstanceOf(expected instanceof List ? List.class : expected.getClass());
    }

    @Test
    void rejectsADefaultOfAnotherType() {
        assertThatThrownBy(() -> Setting.optional("n", SettingType.LONG, "x").withDefault("ten"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default of setting 'n' is a string (ten) but the setting is of type integer");
        assertThatThrownBy(() -> Setting.optional("n", SettingType.LONG, "x").withDefault(new BigDecimal("1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("n: unsupported value type java.math.BigDecimal");
    }

    @Test
    void aRequiredSettingCannotHaveADefault() {
        assertThatThrownBy(() -> PATH.withDefault("in.csv"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("required setting 'path' cannot have a default");
    }

    @Test
    void oneOfRestrictsAStringSettingAndKeepsTheRest() {
        Setting mode = Setting.optional("mode", SettingType.STRING, "How.").withDefault("stop")
                .oneOf("stop", "skip");
        Setting required = PATH.oneOf("a", "b");

        assertThat(mode.choices()).containsExactly("stop", "skip");
        assertThat(mode.defaultValue()).contains("stop");
        assertThat(required.required()).isTrue();
        assertThat(required.choices()).containsExactly("a", "b");
        assertThatThrownBy(() -> mode.choices().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void choicesApplyToStringSettingsOnly() {
        assertThatThrownBy(() -> Setting.optional("n", SettingType.LONG, "x").oneOf("1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 'n' has choices but type LONG; choices apply to STRING settings only");
    }

    @Test
    void theDefaultMustBeOneOfTheChoices() {
        assertThatThrownBy(() -> Setting.optional("m", SettingType.STRING, "x").oneOf("a").withDefault("b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default 'b' of setting 'm' is not one of its choices [a]");
        assertThatThrownBy(() -> Setting.optional("m", SettingType.STRING, "x").withDefault("b").oneOf("a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default 'b' of setting 'm' is not one of its choices [a]");
    }

    static Stream<Arguments> checks() {
        Setting mode = Setting.optional("mode", SettingType.STRING, "x").oneOf("stop", "skip");
        Setting n = Setting.optional("n", SettingType.LONG, "x");
        Setting r = Setting.optional("r", SettingType.DOUBLE, "x");
        return Stream.of(
                Arguments.of(PATH, "in.csv", null),
                Arguments.of(mode, "skip", null),
                Arguments.of(n, 5, null),
                Arguments.of(r, 5, null),
                Arguments.of(PATH, 5, "expected a string but got long 5"),
                Arguments.of(PATH, null, "expected a string but got null"),
                Arguments.of(n, "ten", "expected an integer but got string \"ten\""),
                Arguments.of(n, 1.5, "expected an integer but got double 1.5"),
                Arguments.of(r, true, "expected a number but got boolean true"),
                Arguments.of(Setting.optional("b", SettingType.BOOLEAN, "x"), "yes",
                        "expected a boolean but got string \"yes\""),
                Arguments.of(Setting.optional("l", SettingType.LIST, "x"), Map.of(),
                        "expected an array but got object {}"),
                Arguments.of(Setting.optional("o", SettingType.OBJECT, "x"), Arrays.asList("a"),
                        "expected an object but got list [a]"),
                Arguments.of(mode, "ignore", "expected one of [stop, skip] but got \"ignore\""),
                Arguments.of(PATH, new BigDecimal("1"), "path: unsupported value type java.math.BigDecimal (value 1); "
                        + "use String, Long, Double, Boolean, null, Bytes, List or Row"));
    }

    @ParameterizedTest(name = "{0} given {1}")
    @MethodSource("checks")
    void checkAcceptsGoodValuesAndExplainsBadOnes(Setting setting, Object value, String problem) {
        assertThat(setting.check(value)).isEqualTo(Optional.ofNullable(problem));
    }

    static Stream<Arguments> differentSettings() {
        Setting base = Setting.optional("mode", SettingType.STRING, "How.").withDefault("a").oneOf("a", "b");
        return Stream.of(
                Arguments.of("key", Setting.optional("mode2", SettingType.STRING, "How.").withDefault("a")
                        .oneOf("a", "b")),
                Arguments.of("type", Setting.optional("mode", SettingType.LONG, "How.")),
                Arguments.of("required", Setting.required("mode", SettingType.STRING, "How.").oneOf("a", "b")),
                Arguments.of("default", base.withDefault("b")),
                Arguments.of("choices", base.oneOf("a", "c")),
                Arguments.of("description", Setting.optional("mode", SettingType.STRING, "Why.").withDefault("a")
                        .oneOf("a", "b")),
                Arguments.of("no default", Setting.optional("mode", SettingType.STRING, "How.").oneOf("a", "b")));
    }

    @ParameterizedTest(name = "a different {0}")
    @MethodSource("differentSettings")
    void settingsAreEqualOnlyWhenEveryPartIs(String part, Setting other) {
        Setting base = Setting.optional("mode", SettingType.STRING, "How.").withDefault("a").oneOf("a", "b");
        Setting same = Setting.optional("mode", SettingType.STRING, "How.").withDefault("a").oneOf("a", "b");

        assertThat(base.equals(same)).isTrue();
        assertThat(base.hashCode()).isEqualTo(same.hashCode());
        assertThat(base.equals(other)).isFalse();
        assertThat(other.equals(base)).isFalse();
        assertThat(base.equals("mode")).isFalse();
    }

    @Test
    void theHashCodeCoversEveryPart() {
        assertThat(PATH.hashCode()).isNotEqualTo(Setting.required("path", SettingType.STRING, "Other.").hashCode());
    }

    @Test
    void toStringShowsKeyTypeRequiredAndDefault() {
        assertThat(PATH).hasToString("Setting[path: string, required]");
        assertThat(Setting.optional("n", SettingType.LONG, "x")).hasToString("Setting[n: integer]");
        assertThat(Setting.optional("n", SettingType.LONG, "x").withDefault(5))
                .hasToString("Setting[n: integer, default 5]");
    }

    @Test
    void aSettingIsNoPathUntilMarkedOne() {
        assertThat(PATH.pathRole()).isEmpty();
        assertThat(PATH.asInputPath().pathRole()).contains(Setting.PathRole.INPUT);
        assertThat(PATH.asOutputPath().pathRole()).contains(Setting.PathRole.OUTPUT);
    }

    @Test
    void thePathRoleSurvivesTheOtherRefinementsAndTakesPartInEquality() {
        Setting marked = Setting.optional("path", SettingType.STRING, "x").asOutputPath()
                .withDefault("out.jsonl").oneOf("out.jsonl", "err.jsonl");

        assertThat(marked.pathRole()).contains(Setting.PathRole.OUTPUT);
        assertThat(marked.defaultValue()).contains("out.jsonl");
        assertThat(marked).isNotEqualTo(Setting.optional("path", SettingType.STRING, "x")
                .withDefault("out.jsonl").oneOf("out.jsonl", "err.jsonl"));
        assertThat(marked.toString()).isEqualTo("Setting[path: string, default out.jsonl, output path]");
    }

    @Test
    void onlyAStringSettingCanBeAPath() {
        assertThatThrownBy(() -> Setting.optional("limit", SettingType.LONG, "x").asInputPath())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 'limit' is marked as a path but has type LONG; paths are STRING settings");
    }
}
