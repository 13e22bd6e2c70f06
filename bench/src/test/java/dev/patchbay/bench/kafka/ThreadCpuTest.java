package dev.patchbay.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    // A real stat line's shape: pid (comm) state ppid ... utime(14) stime(15) ...; the name holds a space and ')'.
    private static final String STAT = "4242 (C2 Compiler)x) S 1 4242 4242 0 -1 4194368 100 0 0 0 "
            + "250 37 0 0 20 0 30 0 1234 0 0";

    @Test
    void readsTheNameBetweenTheFirstOpeningAndTheLastClosingParenthesis() {
        assertThat(ThreadCpu.name(STAT)).isEqualTo("C2 Compiler)x");
    }

    @Test
    void addsUserAndSystemTicksInMilliseconds() {
        assertThat(ThreadCpu.millis(STAT)).isEqualTo(2870.0);
    }

    @Test
    void foldsDigitsSoThreadsOfOnePoolAddUp() {
        assertThat(ThreadCpu.fold("GC Thread#12")).isEqualTo("GC Thread#N");
    }

    @Test
    void readsThisJvmsOwnThreads() throws IOException {
        Map<String, Double> threads = ThreadCpu.of(ProcessHandle.current().pid());

        assertThat(threads).isNotEmpty().allSatisfy((name, millis) -> assertThat(millis).isNotNegative());
        assertThat(ThreadCpu.format(Map.of("a", 30.0, "b", 70.0), 100)).isEqualTo(
                "      70 ms  70.0%  b\n      30 ms  30.0%  a\n");
    }
}
