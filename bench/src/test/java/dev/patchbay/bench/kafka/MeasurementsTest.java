package dev.patchbay.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MeasurementsTest {

    @Test
    void tabulatesMediansRatesAndRatiosToTheAnchor() {
        Measurements m = new Measurements("tool", 1000);
        m.add("tool", 1000, 900, "a");
        m.add("patchbay", 2000, 3000, "b");
        m.add("tool", 3000, 1100, "c");
        m.add("patchbay", 4000, 4000, "d");
        m.add("tool", 2000, 1000, "e");
        m.add("patchbay", 8000, 5000, "f");

        assertThat(m.table()).isEqualTo("""
                | contender | wall ms, median [min, max] | records/s | vs tool | CPU ms, median | CPU vs tool |
                |---|---|---|---|---|---|
                | tool | 2000 [1000, 3000] | 500 | 1.00x | 1000 | 1.00x |
                | patchbay | 4000 [2000, 8000] | 250 | 0.50x | 4000 | 0.25x |
                """);
        assertThat(m.runNotes()).contains("- tool run 2: 3000 ms, CPU 1100 ms; c")
                .contains("- patchbay run 3: 8000 ms, CPU 5000 ms; f");
    }

    @Test
    void aTableWithoutTheAnchorIsAnError() {
        Measurements m = new Measurements("tool", 10);
        m.add("patchbay", 1, 1, "");

        assertThatThrownBy(m::table).hasMessageContaining("no run of the anchor 'tool'")
                .hasMessageContaining("patchbay");
    }
}
