package dev.patchbay.bench.metrics;

import dev.patchbay.bench.driver.Stats;
import dev.patchbay.host.cli.RunCommand;
import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.config.ConfigSource;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.metrics.CallLatencyHistogram;
import dev.patchbay.host.metrics.HostMetrics;
import dev.patchbay.host.pipeline.CallObserver;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.plugin.PluginLoggers;
import dev.patchbay.host.service.Host;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The cost of the metrics on the 1M-row throughput pipeline (design/PERFORMANCE.md, section 4's job), in one JVM:
 * the same {@link Host} run with the metrics off (the {@link CallObserver#NOOP} observer, no registry) and on (the
 * call-latency histogram observed on every poll, chunk, write and flush, and a scrape of {@link HostMetrics} every
 * second on a thread of its own). One untimed warm-up pair, then {@code pairs} pairs in alternating order (off on,
 * on off, ...), so that drift in the machine's load falls on both sides alike. Each run starts from no checkpoint.
 *
 * <p>Usage: {@code MetricsCost <input.csv> <plugins dir> <work dir> <pairs>}; the work directory holds the output
 * and the state (put it on tmpfs to keep the disk's fsync time, which is no cost of the metrics, out of the
 * figures).
 */
public final class MetricsCost {

    private static final long SCRAPE_MILLIS = 1000;

    private MetricsCost() {
    }

    /** One timed run. */
    record Trial(boolean metrics, double seconds, double cpuSeconds, long recordsOut, long observations,
            long scrapes, long scrapeNanos) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: MetricsCost <input.csv> <plugins dir> <work dir> <pairs>");
            System.exit(2);
        }
        Path input = Path.of(args[0]).toAbsolutePath();
        Path plugins = Path.of(args[1]).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
        int pairs = Integer.parseInt(args[3]);
        // The shaded jar has no logging configuration: Logback would print every DEBUG line of pf4j to stdout.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path configFile = work.resolve("metrics-cost.json");
        Files.writeString(configFile, config(plugins, work.resolve("state"), input, work.resolve("out.jsonl")),
                StandardCharsets.UTF_8);
        PatchbayConfig config = new ConfigReader().read(new ConfigSource(work, configFile, true));
        String loadBefore = loadAverage();
        run(config, work, false);
        run(config, work, true);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            boolean metricsFirst = i % 2 == 1;
            trials.add(run(config, work, metricsFirst));
            trials.add(run(config, work, !metricsFirst));
            System.err.printf(Locale.ROOT, "pair %d: off %.2f s, on %.2f s%n", i + 1,
                    seconds(trials, false, i), seconds(trials, true, i));
        }
        report(trials, pairs, loadBefore, loadAverage());
        System.out.printf(Locale.ROOT, "one timed call (two clock reads and an observation), best of 5 rounds of"
                + " 1,000,000: %.1f ns%n", nanosPerTimedCall());
    }

    /** What the seam adds per observed call with the histogram on, on one thread, measured apart from the run. */
    static double nanosPerTimedCall() {
        CallLatencyHistogram histogram = new CallLatencyHistogram();
        CallObserver.Site site = new CallObserver.Site("bench", "processors[0]", "transforms", "process");
        int calls = 1_000_000;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                long began = System.nanoTime();
                histogram.observe(site, System.nanoTime() - began);
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) calls);
        }
        return best;
    }

    private static double seconds(List<Trial> trials, boolean metrics, int pair) {
        return trials.subList(2 * pair, 2 * pair + 2).stream().filter(t -> t.metrics() == metrics).findFirst()
                .orElseThrow().seconds();
    }

    static String config(Path plugins, Path state, Path input, Path output) {
        return """
                {
                  "plugins": {"directory": "%s", "enabled": [], "disabled": []},
                  "state": {"directory": "%s"},
                  "logging": {"format": "text", "level": "INFO"},
                  "pipelines": {
                    "bench": {
                      "source": {"use": "files/csv-source", "settings": {"path": "%s", "header": true}},
                      "processors": [
                        {"use": "transforms/filter", "settings": {"where": {"field": "age", "op": ">=", "value": 18}}},
                        {"use": "transforms/rename", "settings": {"fields": {"name": "full_name"}}},
                        {"use": "transforms/mask", "settings": {"fields": ["email"], "mode": "hash"}}
                      ],
                      "sink": {"use": "files/jsonl-sink", "settings": {"path": "%s", "mode": "overwrite"}}
                    }
                  }
                }
                """.formatted(plugins, state, input, output);
    }

    private static Trial run(PatchbayConfig config, Path work, boolean metrics) throws Exception {
        deleteRecursively(work.resolve("state"));
        Files.deleteIfExists(work.resolve("out.jsonl"));
        CallLatencyHistogram latency = metrics ? new CallLatencyHistogram() : null;
        AtomicLong scrapes = new AtomicLong();
        AtomicLong scrapeNanos = new AtomicLong();
        try (Host host = Host.open(new Host.Spec(config, config.pipelines(), List.of(), PipelineRuntime.Mode.RUN,
                "metrics-cost"), RunCommand::startPlatform, PluginLoggers::forStage, (id, enabled, known) -> {
                }, new PrintWriter(System.err, true), metrics ? latency : CallObserver.NOOP)) {
            ScheduledExecutorService scraper = null;
            if (metrics) {
                HostMetrics exposition = new HostMetrics(host::view, latency);
                scraper = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "metrics-cost-scraper"));
                scraper.scheduleAtFixedRate(() -> {
                    try {
                        long began = System.nanoTime();
                        exposition.write(OutputStream.nullOutputStream());
                        scrapeNanos.addAndGet(System.nanoTime() - began);
                        scrapes.incrementAndGet();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException("scrape failed", e);
                    }
                }, 0, SCRAPE_MILLIS, TimeUnit.MILLISECONDS);
            }
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            host.start();
            RunSummary summary = host.awaitPipelines();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            if (scraper != null) {
                scraper.shutdownNow();
                if (!scraper.awaitTermination(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the scraper thread did not stop within 10 s");
                }
            }
            host.finish(summary);
            if (summary.exitCode() != 0) {
                throw new IllegalStateException("the pipeline did not complete:\n" + summary.toTable());
            }
            List<RunSummary.StageSummary> stages = summary.pipelines().get(0).stages();
            return new Trial(metrics, seconds, cpuSeconds, stages.get(stages.size() - 1).out(),
                    observations(host, latency), scrapes.get(), scrapeNanos.get());
        }
    }

    /** Calls observed: one per poll, processor chunk, write and flush; what the histogram counted. */
    private static long observations(Host host, CallLatencyHistogram latency) throws IOException {
        if (latency == null) {
            return 0;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new HostMetrics(host::view, latency).write(out);
        return out.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith(CallLatencyHistogram.NAME + "_count"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static void report(List<Trial> trials, int pairs, String loadBefore, String loadAfter) {
        Stats off = Stats.of(trials.stream().filter(t -> !t.metrics()).map(Trial::seconds).toList());
        Stats on = Stats.of(trials.stream().filter(Trial::metrics).map(Trial::seconds).toList());
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            ratios.add(seconds(trials, true, i) / seconds(trials, false, i));
        }
        Stats paired = Stats.of(ratios);
        Trial sample = trials.stream().filter(Trial::metrics).findFirst().orElseThrow();
        System.out.printf(Locale.ROOT, "%n### Metrics cost: %d pairs, %d records out per run%n%n", pairs,
                sample.recordsOut());
        System.out.printf(Locale.ROOT, "load average before %s, after %s%n%n", loadBefore, loadAfter);
        System.out.println("| metrics | wall s median | min | max | records/s (median) |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| off | %.2f | %.2f | %.2f | %,.0f |%n", off.median(), off.min(), off.max(),
                1_000_000 / off.median());
        System.out.printf(Locale.ROOT, "| on | %.2f | %.2f | %.2f | %,.0f |%n", on.median(), on.min(), on.max(),
                1_000_000 / on.median());
        System.out.printf(Locale.ROOT, "%nratio of medians on/off: %.3f (overhead %+.1f%%)%n",
                on.median() / off.median(), (on.median() / off.median() - 1) * 100);
        System.out.printf(Locale.ROOT, "paired ratios on/off: median %.3f, min %.3f, max %.3f%n", paired.median(),
                paired.min(), paired.max());
        Stats cpuOff = Stats.of(trials.stream().filter(t -> !t.metrics()).map(Trial::cpuSeconds).toList());
        Stats cpuOn = Stats.of(trials.stream().filter(Trial::metrics).map(Trial::cpuSeconds).toList());
        System.out.printf(Locale.ROOT, "JVM CPU seconds per run, median: off %.2f, on %.2f, ratio %.3f%n",
                cpuOff.median(), cpuOn.median(), cpuOn.median() / cpuOff.median());
        System.out.printf(Locale.ROOT, "per run with metrics: %d calls observed, %d scrapes (first timed run)%n",
                sample.observations(), sample.scrapes());
        long scrapes = trials.stream().mapToLong(Trial::scrapes).sum();
        System.out.printf(Locale.ROOT, "one scrape, mean over %d during the runs: %.2f ms%n", scrapes,
                trials.stream().mapToLong(Trial::scrapeNanos).sum() / 1e6 / Math.max(1, scrapes));
        System.out.println();
        trials.forEach(t -> System.out.printf(Locale.ROOT, "%s wall %.3f s, cpu %.3f s%n", t.metrics() ? "on " : "off",
                t.seconds(), t.cpuSeconds()));
    }

    /** CPU time of the whole JVM: every thread, the scraper's and the collector's included. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
