package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;

class SinkTest {

    @Test
    void theDefaultCloseOfASinkDoesNothing() {
        Sink sink = new Sink() {
            @Override
            public void write(List<Row> batch) {
            }

            @Override
            public void flush() {
            }
        };

        assertThatCode(sink::close).doesNotThrowAnyException();
    }
}
