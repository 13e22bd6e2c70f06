package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Version ranges as stage pins and dependencies write them. */
class VersionRangeTest {

    @Test
    void anyIsUsableAsTheFirstUseOfTheClass() {
        assertThat(VersionRange.ANY.contains("1.0.0")).isTrue();
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "'>=1.1.0 & <2.0.0', 1.1.0, true",
        "'>=1.1.0 & <2.0.0', 2.0.0, false",
        "1.2.0, 1.3.0, true",
        "1.2.0, 1.1.0, false",
        "*, 0.0.1, true"})
    void containsChecksSemanticVersions(String range, String version, boolean contained) {
        assertThat(VersionRange.of(range).contains(version)).isEqualTo(contained);
    }

    @Test
    void aMalformedRangeIsRejectedQuotingIt() {
        assertThatThrownBy(() -> VersionRange.of(">=x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'>=x' is not a version range");
    }
}
