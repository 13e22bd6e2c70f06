package dev.patchbay.bench.guard;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Fields;
import dev.patchbay.api.Processor;
import dev.patchbay.api.Row;
import dev.patchbay.host.plugin.PluginScope;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ways of calling one processor that the guarded-call benchmarks compare, shared by the JMH benchmark and
 * the CPU-time harness. The processor is a filter that emits its input unchanged, so the direct call allocates
 * nothing and every byte measured on the other paths is added by the host.
 */
final class CallPaths implements AutoCloseable {

    private final Processor processor = new AdultsOnly();
    private final Emitter sink;
    private final CountingEmitter countingSink;
    private final Row record = Fields.of("id", "name", "email", "age", "city", "score")
            .record(42L, "Ada Lovelace", "ada@example.org", 36L, "London", 97.5);
    private final URLClassLoader pluginLoader;
    private final PluginScope scope;
    private final LongAdder recordsIn = new LongAdder();

    CallPaths(Emitter sink) {
        this.sink = sink;
        this.countingSink = new CountingEmitter(sink, new LongAdder());
        this.pluginLoader = new URLClassLoader("bench-plugin", new URL[0], CallPaths.class.getClassLoader());
        this.scope = new PluginScope("bench-plugin", pluginLoader);
    }

    /** The anchor: the processor called as plugin-free code would call it. */
    void direct() {
        processor.process(record, sink);
    }

    /** The context switch alone: thread context class loader and MDC "plugin", set and restored per call. */
    void scopeOnly() {
        PluginScope.Entered entered = scope.enter();
        try {
            processor.process(record, sink);
        } finally {
            entered.close();
        }
    }

    /** Scope plus records-in and records-out counters (LongAdder), entered for every record. */
    void scopeAndCounters() {
        recordsIn.increment();
        PluginScope.Entered entered = scope.enter();
        try {
            processor.process(record, countingSink);
        } finally {
            entered.close();
        }
    }

    @Override
    public void close() throws IOException {
        pluginLoader.close();
    }

    /** The filter stage of the throughput job: keeps records whose age is at least 18. */
    private static final class AdultsOnly implements Processor {
        @Override
        public void process(Row input, Emitter out) {
            Object age = input.get("age");
            if (age instanceof Long years && years >= 18) {
                out.emit(input);
            }
        }
    }

    /** Counts what a processor emits before handing it on, as a stage's output counter does. */
    private record CountingEmitter(Emitter delegate, LongAdder counter) implements Emitter {
        @Override
        public void emit(Row output) {
            counter.increment();
            delegate.emit(output);
        }
    }
}
