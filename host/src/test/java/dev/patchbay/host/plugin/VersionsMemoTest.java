package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

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

    @ParameterizedTest(name = "pf4j asks {0} in {1}: {2}")
    @CsvSource(delimiter = '|', value = {"1.0.0 | >=1.0.0 & <2.0.0 | true", "2.0.0 | >=1.0.0 & <2.0.0 | false"})
    void theManagerPf4jUsesParsesEachConstraintOnce(String version, String constraint, boolean expected) {
        AtomicInteger parsed = new AtomicInteger();
        DefaultVersionManager real = new DefaultVersionManager();
        Versions versions = new Versions(new VersionManager() {
            @Override
            public boolean checkVersionConstraint(String v, String c) {
                parsed.incrementAndGet();
                return real.checkVersionConstraint(v, c);
            }

            @Override
            public int compareVersions(String v1, String v2) {
                return real.compareVersions(v1, v2);
            }
        });
        for (int i = 0; i < 3; i++) {
            assertThat(versions.manager().checkVersionConstraint(version, constraint)).isEqualTo(expected);
        }
        assertThat(parsed).hasValue(1);
        assertThat(versions.manager().compareVersions("1.0.0", "1.0.1")).isNegative();
    }

    @Test
    void theManagerPf4jUsesStillThrowsForAnInvalidConstraintEveryTime() {
        Versions versions = new Versions();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> versions.manager().checkVersionConstraint("1.0.0", ">=> x"))
                    .isInstanceOf(RuntimeException.class);
        }
    }
}
