package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsTest {

    private static final List<Setting> SPEC = List.of(
            Setting.required("path", SettingType.STRING, "The file to read."),
            Setting.optional("delimiter", SettingType.STRING, "Field separator.").withDefault(","),
            Setting.optional("maxRecords", SettingType.LONG, "Stop after this many records."),
            Setting.optional("ratio", SettingType.DOUBLE, "A ratio.").withDefault(0.5),
            Setting.optional("header", SettingType.BOOLEAN, "Whether there is a header.").withDefault(true),
            Setting.optional("columns", SettingType.LIST, "Column names."),
            Setting.optional("where", SettingType.OBJECT, "A condition."),
            Setting.optional("onError", SettingType.STRING, "Error policy.").withDefault("stop").oneOf("stop", "skip"));

    private static final Settings FULL = Settings.of("csv-source", Map.of("path", "in.csv", "maxRecords", 7,
            "ratio", 2, "header", false, "columns", List.of("a", "b"), "where", Map.of("field", "age")), SPEC);

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of("missing required", Map.of(), "path",
                        "is required but missing; add \"path\": <string> (The file to read.)"),
                Arguments.of("string expected", Map.of("path", 5), "path", "expected a string but got long 5"),
                Arguments.of("integer expected", Map.of("path", "p", "maxRecords", "ten"), "maxRecords",
                        "expected an integer but got string \"ten\""),
                Arguments.of("choice expected", Map.of("path", "p", "onError", "ignore"), "onError",
                        "expected one of [stop, skip] but got \"ignore\""),
                Arguments.of("unknown key", Map.of("path", "p", "delimeter", ";"), "delimeter",
                        "is not a setting of this extension; known settings are [path, delimiter, maxRecords, "
                                + "ratio, header, columns, where, onError]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void reportsWhichKeyIsWrongAndWhy(String description, Map<String, Object> values, String key, String message) {
        List<SettingsException> problems = Settings.check("csv-source", values, SPEC);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).key()).isEqualTo(key);
        assertThat(problems.get(0).extension()).isEqualTo("csv-source");
        assertThat(problems.get(0)).hasMessage("csv-source: setting '" + key + "': " + message);
    }

    @Test
    void anExtensionWithoutSettingsSaysSo() {
        List<SettingsException> problems = Settings.check("upper", Map.of("x", 1), List.of());

        assertThat(problems).extracting(SettingsException::key).containsExactly("x");
        assertThat(problems.get(0)).hasMessage("upper: setting 'x': is not a setting of this extension; "
                + "it takes no settings");
    }

    @Test
    void validValuesAndLeftOutOptionalSettingsAreNoProblem() {
        assertThat(Settings.check("csv-source", Map.of("path", "p"), SPEC)).isEmpty();
        assertThat(Settings.check("csv-source", Map.of("path", "p", "maxRecords", 1, "onError", "skip"), SPEC))
                .isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnceInSpecOrderThenUnknownKeys() {
        Map<String, Object> values = new HashMap<>();
        values.put("bogus", 1);
        values.put("header", "no");

        assertThat(Settings.check("csv-source", values, SPEC)).extracting(SettingsException::key)
                .containsExactly("path", "header", "bogus");
    }

    @Test
    void rejectsASpecThatDescribesAKeyTwice() {
        List<Setting> twice = List.of(Setting.optional("a", SettingType.STRING, "x"),
                Setting.optional("a", SettingType.LONG, "y"));

        assertThatThrownBy(() -> Settings.check("e", Map.of(), twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 'a' is described twice; each key must appear once");
    }

    @Test
    void rejectsNullArgumentsNamingThem() {
        assertThatThrownBy(() -> Settings.check(null, Map.of(), SPEC)).hasMessage("extension");
        assertThatThrownBy(() -> Settings.check("e", null, SPEC)).hasMessage("values");
        assertThatThrownBy(() -> Settings.check("e", Map.of(), null)).hasMessage("spec");
        assertThatThrownBy(() -> FULL.find(null)).hasMessage("key");
        assertThatThrownBy(() -> FULL.getString(null)).hasMessage("key");
    }

    @Test
    void ofThrowsTheFirstProblemWithTheOthersSuppressed() {
        assertThatThrownBy(() -> Settings.of("csv-source", Map.of("header", 1, "x", 2), SPEC))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("csv-source: setting 'path': is required")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly(
                        "csv-source: setting 'header': expected a boolean but got long 1",
                        "csv-source: setting 'x': is not a setting of this extension; known settings are "
                                + "[path, delimiter, maxRecords, ratio, header, columns, where, onError]"));
    }

    @Test
    void givesTypedAccessToGivenValues() {
        assertThat(FULL.extension()).isEqualTo("csv-source");
        assertThat(FULL.getString("path")).isEqualTo("in.csv");
        assertThat(FULL.getLong("maxRecords")).isEqualTo(7L);
        assertThat(FULL.getDouble("ratio")).isEqualTo(2.0);
        assertThat(FULL.getBoolean("header")).isFalse();
        assertThat(FULL.getList("columns")).containsExactly("a", "b");
        assertThat(FULL.getStringList("columns")).containsExactly("a", "b");
        assertThat(FULL.getObject("where")).isEqualTo(Fields.of("field").record("age"));
    }

    @Test
    void fillsInDefaultsAndLeavesOutSettingsWithoutOne() {
        Settings settings = Settings.of("csv-source", Map.of("path", "in.csv"), SPEC);

        assertThat(settings.getString("delimiter")).isEqualTo(",");
        assertThat(settings.getDouble("ratio")).isEqualTo(0.5);
        assertThat(settings.getBoolean("header")).isTrue();
        assertThat(settings.find("delimiter")).contains(",");
        assertThat(settings.find("path")).contains("in.csv");
        assertThat(settings.find("maxRecords")).isEmpty();
        assertThat(settings.asMap()).containsExactly(Map.entry("path", "in.csv"), Map.entry("delimiter", ","),
                Map.entry("ratio", 0.5), Map.entry("header", true), Map.entry("onError", "stop"));
    }

    @Test
    void theMapAndListsAreUnmodifiable() {
        assertThatThrownBy(() -> FULL.asMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> FULL.getList("columns").add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> FULL.getStringList("columns").add("c"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    static Stream<Arguments> unsetSettings() {
        return Stream.of(
                Arguments.of("delimiter", "a string", (Function<Settings, Object>) s -> s.getString("nothing")),
                Arguments.of("maxRecords", "an integer", (Function<Settings, Object>) s -> s.getLong("maxRecords")),
                Arguments.of("ratio", "a number", (Function<Settings, Object>) s -> s.getDouble("nothing")),
                Arguments.of("header", "a boolean", (Function<Settings, Object>) s -> s.getBoolean("nothing")),
                Arguments.of("where", "an object", (Function<Settings, Object>) s -> s.getObject("where")),
                Arguments.of("fields", "an array", (Function<Settings, Object>) s -> s.getList("nothing")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unsetSettings")
    void gettersNameTheKeyAndTheTypeOfAnUnsetSetting(String ignored, String expected, Function<Settings, Object> get) {
        Settings settings = Settings.of("csv-source", Map.of("path", "p"), SPEC);

        assertThatThrownBy(() -> get.apply(settings))
                .isInstanceOf(SettingsException.class)
                .hasMessageMatching("csv-source: setting '\\w+': is not set and has no default; set it to " + expected);
    }

    static Stream<Arguments> wrongGetters() {
        return Stream.of(
                Arguments.of("string read as integer", (Function<Settings, Object>) s -> s.getLong("path"),
                        "setting 'path': is string in.csv, not integer"),
                Arguments.of("integer read as string", (Function<Settings, Object>) s -> s.getString("maxRecords"),
                        "setting 'maxRecords': is long 7, not string"),
                Arguments.of("list read as object", (Function<Settings, Object>) s -> s.getObject("columns"),
                        "setting 'columns': is list [a, b], not object"),
                Arguments.of("object read as list", (Function<Settings, Object>) s -> s.getList("where"),
                        "setting 'where': is object {field=\"age\"}, not array"),
                Arguments.of("boolean read as number", (Function<Settings, Object>) s -> s.getDouble("header"),
                        "setting 'header': is boolean false, not number"),
                Arguments.of("number read as boolean", (Function<Settings, Object>) s -> s.getBoolean("ratio"),
                        "setting 'ratio': is double 2.0, not boolean"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongGetters")
    void gettersOfAnotherTypeSayWhatTheValueIs(String description, Function<Settings, Object> get, String message) {
        assertThatThrownBy(() -> get.apply(FULL)).isInstanceOf(SettingsException.class)
                .hasMessage("csv-source: " + message);
    }

    @Test
    void stringListRejectsOtherElementsQuotingThem() {
        Settings settings = Settings.of("csv-source", Map.of("path", "p", "columns", List.of("a", 2)), SPEC);

        assertThatThrownBy(() -> settings.getStringList("columns"))
                .isInstanceOf(SettingsException.class)
                .hasMessage("csv-source: setting 'columns': element 1 must be a string but is long 2");
    }

    @Test
    void settingsAreEqualWhenExtensionAndValuesAre() {
        Settings same = Settings.of("csv-source", FULL.asMap(), SPEC);

        assertThat(FULL.equals(same)).isTrue();
        assertThat(FULL.hashCode()).isEqualTo(same.hashCode());
        assertThat(FULL.equals(Settings.of("tsv-source", FULL.asMap(), SPEC))).isFalse();
        assertThat(FULL.equals(Settings.of("csv-source", Map.of("path", "in.csv"), SPEC))).isFalse();
        assertThat(FULL.equals(FULL.asMap())).isFalse();
        assertThat(FULL.hashCode()).isNotEqualTo(Settings.of("tsv-source", FULL.asMap(), SPEC).hashCode());
    }

    @Test
    void toStringShowsTheExtensionAndTheValues() {
        assertThat(Settings.of("upper", Map.of("path", "p"), SPEC))
                .hasToString("Settings[upper {path=p, delimiter=,, ratio=0.5, header=true, onError=stop}]");
    }
}
