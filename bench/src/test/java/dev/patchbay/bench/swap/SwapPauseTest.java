package dev.patchbay.bench.swap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SwapPauseTest {

    private static final double[] TWENTY = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};

    @ParameterizedTest(name = "p{0} of 1..20 is {1}")
    @CsvSource({"0.5, 10", "0.9, 18", "1.0, 20", "0.01, 1"})
    void percentilesAreNearestRank(double p, double value) {
        assertThat(SwapPause.percentile(TWENTY, p)).isEqualTo(value);
    }
}
