package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Memoised version checks answer the same the first and every later time. */
class VersionsMemoTest {

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(delimiter = '|', value = {"1.0.0 | >=1.0.0 & <2.0.0 | true", "2.0.0 | >=1.0.0 & <2.0.0 | false",
            "1.5.0 | 1.2.0 | true", "1.1.0 | 1.2.0 | false", "3.0.0 | * | true"})
    void repeatedChecksGiveTheSameAnswer(String version, String range, boolean expected) {
        Versions versions = new Versions();
        for (int i = 0; i < 3; i++) {
            assertThat(versions.satisfies(version, range)).isEqualTo(expected);
            assertThat(versions.isValidRange(range)).isTrue();
            assertThat(versions.isValidVersion(version)).isTrue();
        }
    }

    @ParameterizedTest(name = "invalid: {0}")
    @CsvSource({"1.banana", ">=> x"})
    void invalidValuesStayInvalidAndAnInvalidRangeStillThrowsWhenChecked(String value) {
        Versions versions = new Versions();
        for (int i = 0; i < 2; i++) {
            assertThat(versions.isValidVersion(value)).isFalse();
            assertThat(versions.isValidRange(value)).isFalse();
            assertThatThrownBy(() -> versions.satisfies("1.0.0", value)).isInstanceOf(RuntimeException.class);
        }
    }
}
