package dev.patchbay.bench.swap;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How long a pipeline does no work while {@code patchbay serve} swaps it onto a reloaded plugin. The pipeline
 * {@code files/text-source} (follow) -> {@code transforms/keep} -> {@code files/text-sink} runs on a home whose
 * plugins folder is a copy of the distribution's; an {@link InputFeeder} keeps the input far ahead of the output,
 * so the source is never starved and the queues stay full (about {@code queueCapacity} records in flight per
 * queue plus the sink's batch). Each swap is a {@code POST /plugins/transforms/reload}: the host loads transforms
 * again, drains the pipeline to its checkpoint and starts it on the new load.
 *
 * <p>The "no work" gap of one swap: a {@link WriteSampler} notes each time the output file grows; from the moment
 * the reload is requested until the first growth after the admin API shows the new attempt RUNNING, the gap is the
 * longest interval between two consecutive growths (the one straddling the request included). The reference is
 * the same figure over the second before each request, without a swap.
 *
 * <p>Usage: {@code SwapPause <dist> <workdir> <swaps> [queueCapacity] [batchSize]}.
 */
public final class SwapPause {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final long SAMPLE_NANOS = 1_000_000;
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private SwapPause() {
    }

    /** One swap's figures, in nanoseconds and records. */
    record Swap(long gap, long quietGap, long requestToRunning, long inFlight, long queued) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException(
                    "usage: SwapPause <dist> <workdir> <swaps> [queueCapacity] [batchSize]");
        }
        Path dist = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        int swaps = Integer.parseInt(args[2]);
        int queueCapacity = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int batchSize = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        String loadBefore = loadAverage();
        Path plugins = copyPlugins(dist, work);
        Path input = work.resolve("in.txt");
        Path output = work.resolve("out.txt");
        Files.deleteIfExists(output);
        Path config = work.resolve("serve.json");
        Files.writeString(config, """
                {
                  "plugins": {"directory": "%s"},
                  "state": {"directory": "%s"},
                  "logging": {"format": "text", "level": "INFO", "file": false},
                  "admin": {"host": "127.0.0.1", "port": 0, "tokenFile": "%s"},
                  "runtime": {"shutdownGraceSeconds": 60},
                  "pipelines": {
                    "bench": {
                      "source": {"use": "files/text-source", "settings": {"path": "%s", "follow": true}},
                      "processors": [{"use": "transforms/keep", "settings": {"fields": ["line"]}}],
                      "sink": {"use": "files/text-sink", "settings": {"path": "%s"}},
                      "queueCapacity": %d, "batchSize": %d, "lingerMillis": 5
                    }
                  }
                }
                """.formatted(plugins, work.resolve("state"), work.resolve("admin.token"), input, output,
                queueCapacity, batchSize), StandardCharsets.UTF_8);
        deleteTree(work.resolve("state"));
        List<Swap> results = new ArrayList<>();
        try (InputFeeder feeder = new InputFeeder(input, output, 64L << 20);
                WriteSampler sampler = new WriteSampler(output, SAMPLE_NANOS);
                Serve serve = Serve.start(dist, config, work, work.resolve("state/admin.port"),
                        work.resolve("admin.token"), DEADLINE)) {
            serve.await("the pipeline runs", DEADLINE, () -> running(serve.pipeline("bench")));
            long resumed = awaitWrite(sampler, System.nanoTime(), serve);
            for (int i = 0; i < swaps; i++) {
                long settled = resumed;
                serve.await("a second of writes before swap " + (i + 1), DEADLINE,
                        () -> System.nanoTime() - settled > SETTLE_NANOS);
                JsonNode before = serve.pipeline("bench");
                int restarts = before.path("restarts").asInt();
                long requested = System.nanoTime();
                serve.post("/plugins/transforms/reload");
                JsonNode after = serve.await("swap " + (i + 1) + " is done", DEADLINE,
                        () -> {
                            JsonNode p = serve.pipeline("bench");
                            return p.path("restarts").asInt() > restarts && running(p) ? p : null;
                        });
                long runningAt = System.nanoTime();
                if (!after.path("lastSwap").asText().contains("transforms")) {
                    throw new IllegalStateException("swap " + (i + 1) + " did not swap transforms: " + after);
                }
                resumed = awaitWrite(sampler, runningAt, serve);
                long[] events = sampler.events();
                Swap swap = new Swap(WriteSampler.longestGap(events, requested, resumed),
                        WriteSampler.longestGap(events, requested - SETTLE_NANOS, requested), runningAt - requested,
                        before.path("uncommittedRecords").asLong(), before.path("queuedRecords").asLong());
                feeder.check();
                results.add(swap);
                System.err.printf(Locale.ROOT, "swap %d: gap %.1f ms (quiet %.1f ms), request to running %.1f ms, "
                        + "in flight %d%n", i + 1, swap.gap() / 1e6, swap.quietGap() / 1e6,
                        swap.requestToRunning() / 1e6, swap.inFlight());
            }
            serve.post("/shutdown");
            serve.awaitExit(DEADLINE);
        }
        long lines = checkOutput(output);
        report(results, queueCapacity, batchSize, lines, loadBefore,
                loadAverage());
    }

    /** The 1, 5 and 15 minute load averages. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static boolean running(JsonNode pipeline) {
        return pipeline.path("state").asText().equals("RUNNING");
    }

    private static long awaitWrite(WriteSampler sampler, long after, Serve serve) throws Exception {
        return serve.await("a write after the pipeline runs", DEADLINE, () -> {
            long at = sampler.firstAfter(after);
            return at < 0 ? null : at;
        });
    }

    /** Every output line {@code i} must be {@code id-i}: nothing lost or repeated across the swaps. */
    private static long checkOutput(Path output) throws IOException {
        long i = 0;
        try (BufferedReader reader = Files.newBufferedReader(output, StandardCharsets.US_ASCII)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine(), i++) {
                if (!line.equals("id-" + i)) {
                    throw new IllegalStateException("output line " + (i + 1) + " is '" + line + "', not 'id-" + i
                            + "': a record was lost or repeated");
                }
            }
        }
        return i;
    }

    private static void report(List<Swap> swaps, int queueCapacity, int batchSize, long lines, String loadBefore,
            String loadAfter) {
        System.out.printf(Locale.ROOT, "%n### Swap pause: %d reloads of transforms under text-source (follow) -> "
                + "transforms/keep -> text-sink, queueCapacity %d, batchSize %d%n%n", swaps.size(), queueCapacity,
                batchSize);
        System.out.printf(Locale.ROOT, "load average before: %s; after: %s%n%n", loadBefore, loadAfter);
        System.out.println("gap: from the reload request to the first output growth after the admin API shows the"
                + " new attempt RUNNING, the longest interval between two consecutive growths of the output file"
                + " (sampled every " + SAMPLE_NANOS / 1_000_000 + " ms); quiet: the same over the second before"
                + " the request.");
        System.out.println();
        System.out.println("| figure | median | p90 | max |");
        System.out.println("|---|---|---|---|");
        row("no-work gap during a swap (ms)", swaps, s -> s.gap() / 1e6);
        row("longest gap without a swap (ms)", swaps, s -> s.quietGap() / 1e6);
        row("request to RUNNING (ms)", swaps, s -> s.requestToRunning() / 1e6);
        row("records in flight at the request", swaps, s -> (double) s.inFlight());
        row("records queued at the request", swaps, s -> (double) s.queued());
        System.out.printf(Locale.ROOT, "%noutput: %d lines, line i is id-i for every i (nothing lost or repeated)"
                + "%n", lines);
    }

    private static void row(String name, List<Swap> swaps, java.util.function.ToDoubleFunction<Swap> value) {
        double[] sorted = swaps.stream().mapToDouble(value).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", name, percentile(sorted, 0.5),
                percentile(sorted, 0.9), sorted[sorted.length - 1]);
    }

    /** Nearest rank: the smallest value with at least {@code p} of the values at or below it. */
    static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.max(0, Math.ceil(p * sorted.length) - 1)];
    }

    private static Path copyPlugins(Path dist, Path work) throws IOException {
        Path plugins = work.resolve("plugins");
        deleteTree(plugins);
        Files.createDirectories(plugins);
        try (Stream<Path> files = Files.list(dist.resolve("plugins"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, plugins.resolve(file.getFileName()));
            }
        }
        return plugins;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
