package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A settings problem with a value from a reference names the reference as written and never quotes the value. */
class SettingsProblemsSecretsTest {

    private static final List<Setting> SPEC = List.of(
            Setting.optional("port", SettingType.LONG, "the database port").withDefault(5432L),
            Setting.optional("mode", SettingType.STRING, "how to write").oneOf("append", "replace"));

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "port | ${env:DB_PORT}  | s3cr3t-port | setting 'port' is not valid: its value comes from ${env:DB_PORT} "
                + "and is not shown | make what ${env:DB_PORT} refers to an integer (the database port)",
        "mode | m-${file:mode}  | s3cr3t-mode | setting 'mode' is not valid: its value comes from m-${file:mode} "
                + "and is not shown | make what m-${file:mode} refers to one of [append, replace]",
    })
    void aWrongValueFromAReferenceIsReportedWithoutTheValue(String key, String written, String value,
            String message, String fix) {
        List<SettingsProblems.Problem> problems = SettingsProblems.check("db-sink", Map.of(key, value), SPEC,
                Map.of(key, written));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.message()).isEqualTo(message);
            assertThat(problem.fix()).isEqualTo(fix);
        });
        assertThat(SettingsProblems.check("db-sink", Map.of(key, value), SPEC).get(0).message())
                .as("without the written text the value is quoted, as for any value in the file").contains(value);
    }
}
