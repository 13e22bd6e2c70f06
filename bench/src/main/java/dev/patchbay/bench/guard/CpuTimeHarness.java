package dev.patchbay.bench.guard;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A complement to the JMH benchmark for a shared, loaded machine: the same call paths, timed by the thread's
 * CPU time instead of wall time (time spent waiting for a core is not counted) and with the bytes the thread
 * allocated, per call. The variants are interleaved round by round. It has none of JMH's safeguards beyond a
 * consumed result, so read it next to the JMH figures, not instead of them.
 *
 * <p>Usage: {@code CpuTimeHarness [rounds] [callsPerRound]} (defaults 7 and 20,000,000).
 */
public final class CpuTimeHarness {

    private long consumed;

    @FunctionalInterface
    private interface Loop {
        void run(long calls);
    }

    private CpuTimeHarness() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        long calls = args.length > 1 ? Long.parseLong(args[1]) : 20_000_000L;
        new CpuTimeHarness().run(rounds, calls);
    }

    private void run(int rounds, long calls) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        try (CallPaths paths = new CallPaths(record -> consumed += record.size())) {
            // One loop method per variant, so that each call site stays monomorphic and inlinable, as in JMH.
            Map<String, Loop> variants = new LinkedHashMap<>();
            variants.put("direct", n -> {
                for (long i = 0; i < n; i++) {
                    paths.direct();
                }
            });
            variants.put("scopeOnly", n -> {
                for (long i = 0; i < n; i++) {
                    paths.scopeOnly();
                }
            });
            variants.put("scopeAndCounters", n -> {
                for (long i = 0; i < n; i++) {
                    paths.scopeAndCounters();
                }
            });
            Map<String, List<Double>> nanos = new LinkedHashMap<>();
            Map<String, List<Double>> bytes = new LinkedHashMap<>();
            variants.keySet().forEach(k -> {
                nanos.put(k, new ArrayList<>());
                bytes.put(k, new ArrayList<>());
            });
            // Round 0 warms up every variant and is not reported.
            for (int round = 0; round <= rounds; round++) {
                for (Map.Entry<String, Loop> variant : variants.entrySet()) {
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long alloc0 = threads.getThreadAllocatedBytes(self);
                    variant.getValue().run(calls);
                    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                    long alloc = threads.getThreadAllocatedBytes(self) - alloc0;
                    if (round > 0) {
                        nanos.get(variant.getKey()).add((double) cpu / calls);
                        bytes.get(variant.getKey()).add((double) alloc / calls);
                    }
                }
            }
            double direct = dev.patchbay.bench.driver.Stats.of(nanos.get("direct")).median();
            System.out.printf(Locale.ROOT, "| variant | CPU ns/call median | min | max | added vs direct | B/call |%n");
            System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|%n");
            for (String name : variants.keySet()) {
                var s = dev.patchbay.bench.driver.Stats.of(nanos.get(name));
                var b = dev.patchbay.bench.driver.Stats.of(bytes.get(name));
                System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %+.1f | %.1f |%n", name, s.median(), s.min(),
                        s.max(), s.median() - direct, b.median());
            }
            System.out.printf(Locale.ROOT, "(consumed %d)%n", consumed);
        }
    }
}
