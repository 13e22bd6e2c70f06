package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class ProcessorTest {

    @Test
    void aProcessorIsAFunctionalInterfaceWhoseDefaultCloseDoesNothing() {
        Processor passThrough = (row, out) -> out.emit(row);

        assertThat(Processor.class.isAnnotationPresent(FunctionalInterface.class)).isTrue();
        assertThatCode(passThrough::close).doesNotThrowAnyException();
    }
}
