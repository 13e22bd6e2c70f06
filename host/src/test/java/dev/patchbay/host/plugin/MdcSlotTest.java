package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.host.testing.AllocatedBytes;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;

class MdcSlotTest {

    private static final String KEY = "slot-test";

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    static Stream<Arguments> heldBeforeTheCall() {
        return Stream.of(
                Arguments.of("nothing: the key is left vacant, not removed", null, MdcSlot.VACANT),
                Arguments.of("vacant from an earlier call", MdcSlot.VACANT, MdcSlot.VACANT),
                Arguments.of("another value: it comes back", "outer", "outer"),
                Arguments.of("the same value: it stays", "inner", "inner"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("heldBeforeTheCall")
    void holdsTheValueDuringTheCallAndPutsBackWhatWasThere(String what, String before, String after) {
        if (before != null) {
            MDC.put(KEY, before);
        }
        MdcSlot slot = new MdcSlot(KEY);

        slot.set("inner");
        String during = MDC.get(KEY);
        slot.restore();

        assertThat(during).isEqualTo("inner");
        assertThat(MDC.get(KEY)).isEqualTo(after);
    }

    @Test
    void whatCodeInsideTheCallDidToTheKeyIsUndone() {
        MDC.put(KEY, "outer");
        MdcSlot slot = new MdcSlot(KEY);

        slot.set("outer");
        MDC.put(KEY, "changed by plugin code");
        slot.restore();
        assertThat(MDC.get(KEY)).isEqualTo("outer");

        slot.set("inner");
        MDC.clear();
        slot.restore();
        assertThat(MDC.get(KEY)).isEqualTo("outer");
    }

    @Test
    void aCallMadeAgainAndAgainAllocatesNothing() {
        MdcSlot slot = new MdcSlot(KEY);

        double bytes = AllocatedBytes.perRun(20_000, 100_000, () -> {
            slot.set("inner");
            slot.restore();
        });

        // Removing the key and putting it again would cost logback's HashMap a 32-byte node per call.
        assertThat(bytes).isLessThan(1.0);
        assertThat(MDC.get(KEY)).isEqualTo(MdcSlot.VACANT);
    }

    @Test
    void aMissingKeyOrValueIsRefusedByName() {
        assertThatThrownBy(() -> new MdcSlot(null)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> new MdcSlot(KEY).set(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("value of MDC key 'slot-test'");
    }
}
