package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of("missing required", Map.of(), "path", "is required but missing"),
                Arguments.of("string expected", Map.of("path", 5), "path", "expected a string but got long 5"),
                Arguments.of("integer expected", Map.of("path", "p", "maxRecords", "ten"), "maxRecords",
                        "expected an integer but got string \"ten\""),
                Arguments.of("integer rejects fractions", Map.of("path", "p", "maxRecords", 1.5), "maxRecords",
                        "expected an integer but got double 1.5"),
                Arguments.of("boolean expected", Map.of("path", "p", "header", "yes"), "header",
                        "expected a boolean"),
                Arguments.of("array expected", Map.of("path", "p", "columns", "a,b"), "columns",
                        "expected an array"),
                Arguments.of("object expected", Map.of("path", "p", "where", List.of()), "where",
                        "expected an object"),
                Arguments.of("choice expected", Map.of("path", "p", "onError", "ignore"), "onError",
                        "expected one of [stop, skip] but got \"ignore\""),
                Arguments.of("unknown key", Map.of("path", "p", "delimeter", ";"), "delimeter",
                        "is not a setting of this extension"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void reportsWhichKeyIsWrongAndWhy(String description, Map<String, Object> values, String key, String message) {
        List<SettingsException> problems = Settings.check("csv-source", values, SPEC);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).key()).isEqualTo(key);
        assertThat(problems.get(0).extension()).isEqualTo("csv-source");
        assertThat(problems.get(0).getMessage()).startsWith("csv-source: setting '" + key + "'").contains(message);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, Object> values = new HashMap<>();
        values.put("header", "no");
        values.put("bogus", 1);

        assertThat(Settings.check("csv-source", values, SPEC)).extracting(SettingsException::key)
                .containsExactly("path", "header", "bogus");
    }

    @Test
    void ofThrowsTheFirstProblemWithTheOthersSuppressed() {
        assertThatThrownBy(() -> Settings.of("csv-source", Map.of("header", 1), SPEC))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("'path'")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    }

    @Test
    void fillsInDefaultsAndWidensIntegersForDoubles() {
        Settings settings = Settings.of("csv-source", Map.of("path", "in.csv", "ratio", 2), SPEC);

        assertThat(settings.getString("path")).isEqualTo("in.csv");
        assertThat(settings.getString("delimiter")).isEqualTo(",");
        assertThat(settings.getDouble("ratio")).isEqualTo(2.0);
        assertThat(settings.getBoolean("header")).isTrue();
        assertThat(settings.find("maxRecords")).isEmpty();
    }

    @Test
    void gettersNameTheKeyOfAnUnsetSetting() {
        Settings settings = Settings.of("csv-source", Map.of("path", "p"), SPEC);

        assertThatThrownBy(() -> settings.getLong("maxRecords"))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("'maxRecords'")
                .hasMessageContaining("is not set");
    }

    @Test
    void stringListRejectsOtherElementsQuotingThem() {
        Settings settings = Settings.of("csv-source", Map.of("path", "p", "columns", List.of("a", 2)), SPEC);

        assertThatThrownBy(() -> settings.getStringList("columns"))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("element 1 must be a string but is long 2");
    }

    @Test
    void nestedObjectsArriveAsRecords() {
        Settings settings = Settings.of("f", Map.of("path", "p", "where", Map.of("field", "age")), SPEC);

        assertThat(settings.getObject("where").get("field")).isEqualTo("age");
    }

    @Test
    void settingDescriptionsValidateThemselves() {
        assertThatThrownBy(() -> Setting.optional("Bad-Key", SettingType.STRING, "x"))
                .hasMessageContaining("'Bad-Key'");
        assertThatThrownBy(() -> Setting.optional("n", SettingType.LONG, "x").withDefault("ten"))
                .hasMessageContaining("of type integer");
        assertThatThrownBy(() -> Setting.required("n", SettingType.LONG, "x").withDefault(1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Setting.optional("m", SettingType.STRING, "x").oneOf("a").withDefault("b"))
                .hasMessageContaining("not one of its choices");
        assertThatThrownBy(() -> Settings.check("e", Map.of(), List.of(
                Setting.optional("a", SettingType.STRING, "x"), Setting.optional("a", SettingType.LONG, "y"))))
                .hasMessageContaining("described twice");
    }

    @Test
    void apiVersionComesFromTheBuild() {
        assertThat(ApiVersion.current()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void extensionExceptionsCarryTheExtensionName() {
        ExtensionException e = new ExtensionException("csv-source", "bad quote", new IllegalStateException("x"));

        assertThat(e.extension()).isEqualTo("csv-source");
        assertThat(e).hasMessage("csv-source: bad quote").hasCauseInstanceOf(IllegalStateException.class);
    }
}
