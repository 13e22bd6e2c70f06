package dev.patchbay.bench.swap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteSamplerTest {

    private static final long[] EVENTS = {10, 20, 30, 500, 510, 520, 900};

    @ParameterizedTest(name = "({0}, {1}) -> {2}")
    @CsvSource({
        // the pause from 30 to 500 lies inside the window
        "25, 515, 470",
        // it straddles the start of the window: still counted
        "100, 515, 470",
        // it straddles the end of the window: still counted
        "25, 40, 470",
        // a window of steady writes sees only the short intervals
        "0, 25, 10",
        // the last interval, 520 to 900
        "600, 1000, 380",
        // no pair of events around a window after the last one
        "1000, 2000, -1",
    })
    void theLongestGapIsTheLongestIntervalBetweenConsecutiveWritesThatOverlapsTheWindow(long from, long to,
            long gap) {
        assertThat(WriteSampler.longestGap(EVENTS, from, to)).isEqualTo(gap);
    }
}
