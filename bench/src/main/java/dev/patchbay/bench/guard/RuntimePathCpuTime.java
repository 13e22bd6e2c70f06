package dev.patchbay.bench.guard;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Fields;
import dev.patchbay.api.Processor;
import dev.patchbay.api.Row;
import dev.patchbay.bench.driver.Stats;
import dev.patchbay.host.pipeline.GuardedProcessor;
import dev.patchbay.host.pipeline.RecordBuffer;
import dev.patchbay.host.pipeline.StageMetrics;
import dev.patchbay.host.plugin.PluginScope;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link RuntimePathBenchmark}'s four paths timed in the thread's CPU time, for a loaded machine where JMH's
 * wall-clock error bars are wider than the difference looked for (time spent waiting for a core is not
 * counted). Per record: the chunk of 256 through {@code GuardedProcessor.apply} and the same loop called
 * directly, and the chunk of 1 both ways; with the bytes the thread allocated per record. Variants are
 * interleaved round by round; round 0 warms up and is not reported. It has none of JMH's safeguards beyond a
 * consumed result, so read it next to the JMH figures, not instead of them.
 *
 * <p>Usage: {@code RuntimePathCpuTime [rounds] [recordsPerRound]} (defaults 9 and 50,000,000).
 */
public final class RuntimePathCpuTime {

    private static final int CHUNK = RuntimePathBenchmark.CHUNK;

    private final Processor processor = new AdultsOnly();
    private final Row[] chunk = new Row[CHUNK];
    private final RecordBuffer out = new RecordBuffer(CHUNK);
    private long consumed;

    @FunctionalInterface
    private interface Loop {
        void run(long records);
    }

    private RuntimePathCpuTime() {
        Arrays.fill(chunk, Fields.of("id", "name", "email", "age", "city", "score")
                .record(42L, "Ada Lovelace", "ada@example.org", 36L, "London", 97.5));
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        long records = args.length > 1 ? Long.parseLong(args[1]) : 50_000_000L;
        new RuntimePathCpuTime().run(rounds, records);
    }

    private void run(int rounds, long records) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (URLClassLoader pluginLoader = new URLClassLoader("bench-plugin", new URL[0],
                RuntimePathCpuTime.class.getClassLoader())) {
            GuardedProcessor guarded = new GuardedProcessor("bench", "processors[0]", "bench-plugin/adults",
                    new PluginScope("bench-plugin", pluginLoader), processor,
                    new StageMetrics("processors[0]", "bench-plugin/adults", "bench-plugin"));
            // One loop per variant, so that each call site stays monomorphic, as in JMH.
            Map<String, Loop> variants = new LinkedHashMap<>();
            variants.put("directChunk256", n -> {
                for (long done = 0; done < n; done += CHUNK) {
                    out.clear();
                    for (int i = 0; i < CHUNK; i++) {
                        processor.process(chunk[i], out);
                    }
                    consumed += out.size();
                }
            });
            variants.put("guardedChunk256", n -> {
                for (long done = 0; done < n; done += CHUNK) {
                    out.clear();
                    guarded.apply(chunk, CHUNK, out);
                    consumed += out.size();
                }
            });
            variants.put("directChunk1", n -> {
                for (long done = 0; done < n / CHUNK * 8; done++) {
                    out.clear();
                    processor.process(chunk[0], out);
                    consumed += out.size();
                }
            });
            variants.put("guardedChunk1", n -> {
                for (long done = 0; done < n / CHUNK * 8; done++) {
                    out.clear();
                    guarded.apply(chunk, 1, out);
                    consumed += out.size();
                }
            });
            Map<String, List<Double>> nanos = new LinkedHashMap<>();
            Map<String, List<Double>> bytes = new LinkedHashMap<>();
            variants.keySet().forEach(k -> {
                nanos.put(k, new ArrayList<>());
                bytes.put(k, new ArrayList<>());
            });
            for (int round = 0; round <= rounds; round++) {
                for (Map.Entry<String, Loop> variant : variants.entrySet()) {
                    // The chunk-of-1 variants run 8 / 256 as many records: each costs a whole chunk's guard.
                    long measured = variant.getKey().endsWith("Chunk1") ? records / CHUNK * 8 : records;
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long alloc0 = threads.getCurrentThreadAllocatedBytes();
                    variant.getValue().run(records);
                    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                    long alloc = threads.getCurrentThreadAllocatedBytes() - alloc0;
                    if (round > 0) {
                        nanos.get(variant.getKey()).add((double) cpu / measured);
                        bytes.get(variant.getKey()).add((double) alloc / measured);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "| variant | CPU ns/record median | min | max | B/record median |%n");
            System.out.printf(Locale.ROOT, "|---|---|---|---|---|%n");
            for (String name : variants.keySet()) {
                Stats s = Stats.of(nanos.get(name));
                Stats b = Stats.of(bytes.get(name));
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.4f |%n", name, s.median(), s.min(),
                        s.max(), b.median());
            }
            System.out.printf(Locale.ROOT, "(consumed %d)%n", consumed);
        }
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
