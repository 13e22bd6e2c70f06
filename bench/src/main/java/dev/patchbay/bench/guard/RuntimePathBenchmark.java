package dev.patchbay.bench.guard;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Fields;
import dev.patchbay.api.Processor;
import dev.patchbay.api.Row;
import dev.patchbay.host.pipeline.GuardedProcessor;
import dev.patchbay.host.pipeline.RecordBuffer;
import dev.patchbay.host.pipeline.StageMetrics;
import dev.patchbay.host.plugin.PluginScope;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The processor call as the pipeline runtime makes it: {@code GuardedProcessor.apply} enters the plugin's scope
 * (context class loader, MDC plugin and stage) once per chunk, calls the processor for every record of the chunk
 * and publishes the stage counters. Compared, per record, with the same loop calling the processor directly into
 * the same buffer. {@code chunk256} is a full chunk (the runtime's maximum); {@code chunk1} is the worst case of a
 * source so slow that every chunk holds one record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class RuntimePathBenchmark {

    static final int CHUNK = 256;

    private final Processor processor = new AdultsOnly();
    private final Row[] chunk = new Row[CHUNK];
    private final RecordBuffer out = new RecordBuffer(CHUNK);
    private URLClassLoader pluginLoader;
    private GuardedProcessor guarded;

    @Setup
    public void setUp() {
        Arrays.fill(chunk, Fields.of("id", "name", "email", "age", "city", "score")
                .record(42L, "Ada Lovelace", "ada@example.org", 36L, "London", 97.5));
        pluginLoader = new URLClassLoader("bench-plugin", new URL[0], RuntimePathBenchmark.class.getClassLoader());
        PluginScope scope = new PluginScope("bench-plugin", pluginLoader);
        guarded = new GuardedProcessor("bench", "processors[0]", "bench-plugin/adults", scope, processor,
                new StageMetrics("processors[0]", "bench-plugin/adults", "bench-plugin"));
    }

    @TearDown
    public void tearDown() throws IOException {
        pluginLoader.close();
    }

    @Benchmark
    @OperationsPerInvocation(CHUNK)
    public RecordBuffer directChunk256() {
        out.clear();
        for (int i = 0; i < CHUNK; i++) {
            processor.process(chunk[i], out);
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(CHUNK)
    public RecordBuffer guardedChunk256() {
        out.clear();
        guarded.apply(chunk, CHUNK, out);
        return out;
    }

    @Benchmark
    public RecordBuffer directChunk1() {
        out.clear();
        processor.process(chunk[0], out);
        return out;
    }

    @Benchmark
    public RecordBuffer guardedChunk1() {
        out.clear();
        guarded.apply(chunk, 1, out);
        return out;
    }

    /** The filter stage of the throughput job: keeps records whose age is at least 18. */
    private static final class AdultsOnly implements Processor {
        @Override
        public void process(Row input, Emitter emitter) {
            Object age = input.get("age");
            if (age instanceof Long years && years >= 18) {
                emitter.emit(input);
            }
        }
    }
}
