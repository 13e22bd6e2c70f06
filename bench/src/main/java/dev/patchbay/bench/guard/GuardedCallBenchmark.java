package dev.patchbay.bench.guard;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
 * The cost the host adds to one processor call, per record: the same processor called directly, and called
 * through the guarded path (see {@link CallPaths}). Run with {@code -prof gc} for the allocation per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class GuardedCallBenchmark {

    private CallPaths paths;

    @Setup
    public void setUp(Blackhole blackhole) {
        paths = new CallPaths(blackhole::consume);
    }

    @TearDown
    public void tearDown() throws IOException {
        paths.close();
    }

    @Benchmark
    public void direct() {
        paths.direct();
    }

    @Benchmark
    public void scopeOnly() {
        paths.scopeOnly();
    }

    @Benchmark
    public void scopeAndCounters() {
        paths.scopeAndCounters();
    }
}
