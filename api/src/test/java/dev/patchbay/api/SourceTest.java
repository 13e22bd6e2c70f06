package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class SourceTest {

    @Test
    void aPollAnswersMoreIdleOrEnd() {
        assertThat(Source.Poll.values()).containsExactly(Source.Poll.MORE, Source.Poll.IDLE, Source.Poll.END);
    }

    @Test
    void theDefaultCloseOfASourceDoesNothing() {
        Source source = new Source() {
            @Override
            public Poll poll(Emitter out) {
                return Poll.END;
            }

            @Override
            public Position position() {
                return new Position("");
            }
        };

        assertThatCode(source::close).doesNotThrowAnyException();
    }
}
