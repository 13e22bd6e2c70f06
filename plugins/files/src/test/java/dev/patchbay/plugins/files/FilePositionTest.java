package dev.patchbay.plugins.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilePositionTest {

    static Stream<Arguments> positions() {
        return Stream.of(
                Arguments.of("offset=0;line=1", 0L, 1L, ""),
                Arguments.of("offset=12480;line=202", 12480L, 202L, ""),
                Arguments.of("offset=4;line=2;types=issn", 4L, 2L, "types=issn"));
    }

    @ParameterizedTest
    @MethodSource("positions")
    void parsesWhatItWrites(String value, long offset, long line, String state) {
        FilePosition position = FilePosition.parse(value).orElseThrow();

        assertThat(position).isEqualTo(new FilePosition(offset, line, state));
        assertThat(position.value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"records=4", "offset=4", "offset=4;line=0", "offset=-1;line=1", "offset=x;line=1",
        "line=1;offset=4", "offset=4;line=2;types=s;more=1", ""})
    void refusesOtherForms(String value) {
        assertThat(FilePosition.parse(value)).isEmpty();
    }

    @Test
    void aStateWithASeparatorIsRefused() {
        assertThatThrownBy(() -> new FilePosition(0, 1, "a;b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain ';'");
    }
}
