package dev.patchbay.bench.guard;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Fields;
import dev.patchbay.api.Processor;
import dev.patchbay.api.Record;
import dev.patchbay.host.plugin.PluginScope;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost the host adds to one processor call: the same processor called directly, and called through the
 * guarded path (plugin scope: context class loader and MDC switch, plus per-stage metrics counters).
 *
 * <p>The processor is a filter that emits its input unchanged, so the direct call allocates nothing and every
 * byte that {@code -prof gc} reports for the guarded variants is added by the host path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class GuardedCallBenchmark {

    private Processor processor;
    private Emitter emitter;
    private Record record;
    private PluginScope scope;
    private URLClassLoader pluginLoader;
    private final LongAdder recordsIn = new LongAdder();
    private final LongAdder recordsOut = new LongAdder();
    private final CountingEmitter countingEmitter = new CountingEmitter();

    @Setup
    public void setUp(Blackhole blackhole) {
        processor = new AdultsOnly();
        emitter = blackhole::consume;
        countingEmitter.delegate = emitter;
        countingEmitter.counter = recordsOut;
        record = Fields.of("id", "name", "email", "age", "city", "score")
                .record(42L, "Ada Lovelace", "ada@example.org", 36L, "London", 97.5);
        pluginLoader = new URLClassLoader("bench-plugin", new URL[0], GuardedCallBenchmark.class.getClassLoader());
        scope = new PluginScope("bench-plugin", pluginLoader);
    }

    @TearDown
    public void tearDown() throws Exception {
        pluginLoader.close();
    }

    /** The anchor: the processor called as plugin-free code would call it. */
    @Benchmark
    public void direct() {
        processor.process(record, emitter);
    }

    /** The context switch alone: thread context class loader and MDC "plugin", set and restored. */
    @Benchmark
    public void scopeOnly() {
        PluginScope.Entered entered = scope.enter();
        try {
            processor.process(record, emitter);
        } finally {
            entered.close();
        }
    }

    /** The full guarded path as the host runs it: scope plus records-in and records-out counters. */
    @Benchmark
    public void scopeAndCounters() {
        recordsIn.increment();
        PluginScope.Entered entered = scope.enter();
        try {
            processor.process(record, countingEmitter);
        } finally {
            entered.close();
        }
    }

    /** The filter stage of the throughput job: keeps records whose age is at least 18. */
    private static final class AdultsOnly implements Processor {
        @Override
        public void process(Record input, Emitter out) {
            Object age = input.get("age");
            if (age instanceof Long years && years >= 18) {
                out.emit(input);
            }
        }
    }

    /** Counts what a processor emits before handing it on, as a stage's output counter does. */
    private static final class CountingEmitter implements Emitter {
        Emitter delegate;
        LongAdder counter;

        @Override
        public void emit(Record output) {
            counter.increment();
            delegate.emit(output);
        }
    }
}
