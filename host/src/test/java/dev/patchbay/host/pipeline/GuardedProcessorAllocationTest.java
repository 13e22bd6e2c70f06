package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Fields;
import dev.patchbay.api.Processor;
import dev.patchbay.api.Row;
import dev.patchbay.host.plugin.PluginScope;
import dev.patchbay.host.testing.AllocatedBytes;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

/**
 * Issue 8: the runtime's processor path ({@code GuardedProcessor.apply}, through the {@link StageCall} seam)
 * allocates nothing per chunk, so nothing per record, when the processor itself allocates nothing.
 */
class GuardedProcessorAllocationTest {

    private final ClassLoader hostLoader = Thread.currentThread().getContextClassLoader();
    private final URLClassLoader pluginLoader = new URLClassLoader("adults", new URL[0], hostLoader);

    @AfterEach
    void restoreThread() throws Exception {
        Thread.currentThread().setContextClassLoader(hostLoader);
        MDC.clear();
        pluginLoader.close();
    }

    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 256})
    void aChunkAllocatesNothing(int size) {
        Processor adultsOnly = (record, out) -> {
            if ((Long) record.get("age") >= 18) {
                out.emit(record);
            }
        };
        Row[] chunk = new Row[size];
        Arrays.fill(chunk, Fields.of("id", "age").record(1L, 36L));
        RecordBuffer out = new RecordBuffer(size);
        StageMetrics metrics = new StageMetrics("processors[0]", "adults/filter", "adults");
        GuardedProcessor guarded = new GuardedProcessor("bench", "processors[0]", "adults/filter",
                new PluginScope("adults", pluginLoader), adultsOnly, metrics);

        double bytes = AllocatedBytes.perRun(5_000, 20_000, () -> {
            out.clear();
            guarded.apply(chunk, size, out);
        });

        assertThat(bytes).as("bytes per chunk of %d", size).isLessThan(1.0);
        assertThat(out.size()).isEqualTo(size);
        assertThat(metrics.in()).isEqualTo(25_000L * size);
    }
}
