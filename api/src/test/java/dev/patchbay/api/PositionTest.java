package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void holdsTheSourcesEncodingAndMayBeEmpty() {
        assertThat(new Position("offset=4096").value()).isEqualTo("offset=4096");
        assertThat(new Position("").value()).isEmpty();
    }

    @Test
    void rejectsANullValue() {
        assertThatThrownBy(() -> new Position(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
    }

    @Test
    void positionsAreEqualWhenTheirValuesAre() {
        assertThat(new Position("line=3")).isEqualTo(new Position("line=3"))
                .hasSameHashCodeAs(new Position("line=3"))
                .isNotEqualTo(new Position("line=4"));
    }
}
