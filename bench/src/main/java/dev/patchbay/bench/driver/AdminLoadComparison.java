package dev.patchbay.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The admin API under load while a pipeline runs the 1,000,000-row throughput job in {@code patchbay serve}:
 * trials alternate "quiet" (nobody calls the API but the driver's own completion poll, every 200 ms) and "loaded"
 * ({@code clients} threads, each making {@code requests} GETs in turn to {@code /pipelines} and {@code /metrics},
 * started as soon as the host's port is known). Reports the pipeline's throughput (input rows over the pipeline's
 * own elapsed time, from {@code /pipelines}) per kind, their ratio, the errors (any status but 200, any exception)
 * and the latency p50 and p99 of the loaded requests, with the load average.
 *
 * <p>Usage: {@code AdminLoadComparison <input.csv> <workdir> <trials> <patchbay-home> [clients] [requests]}.
 */
public final class AdminLoadComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private AdminLoadComparison() {
    }

    /** One trial's figures. */
    private record Trial(boolean loaded, double recordsPerSecond, List<Long> latenciesNanos, long errors,
            double loadSeconds, double pipelineSeconds, long recordsOut) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException(
                    "usage: AdminLoadComparison <input.csv> <workdir> <trials> <patchbay-home> [clients] [requests]");
        }
        Path input = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        int trials = Integer.parseInt(args[2]);
        Path home = Path.of(args[3]).toAbsolutePath();
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        int requests = args.length > 5 ? Integer.parseInt(args[5]) : 50;
        long rows;
        try (Stream<String> lines = Files.lines(input)) {
            rows = lines.count() - 1;
        }
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        List<Trial> results = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            results.add(trial(home, input, work, rows, false, clients, requests));
            results.add(trial(home, input, work, rows, true, clients, requests));
            System.err.printf(Locale.ROOT, "trial %d: quiet %.0f rec/s, loaded %.0f rec/s%n", i + 1,
                    results.get(results.size() - 2).recordsPerSecond(), results.get(results.size() - 1)
                            .recordsPerSecond());
        }
        report(results, rows, clients, requests, loadBefore, Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static Trial trial(Path home, Path input, Path work, long rows, boolean loaded, int clients,
            int requests) throws Exception {
        Path state = work.resolve("state");
        Path output = work.resolve("out.jsonl");
        deleteTree(state);
        Files.deleteIfExists(output);
        Path config = work.resolve("serve.json");
        Files.writeString(config, """
                {
                  "plugins": {"directory": "%s", "enabled": [], "disabled": []},
                  "state": {"directory": "%s"},
                  "logging": {"format": "text", "level": "WARN", "file": false},
                  "admin": {"host": "127.0.0.1", "port": 0, "tokenFile": "%s"},
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
                """.formatted(home.resolve("plugins"), state, work.resolve("admin.token"), input, output),
                StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/patchbay").toString(), "serve")
                .redirectOutput(work.resolve("serve.out").toFile()).redirectError(work.resolve("serve.err").toFile());
        builder.environment().put("PATCHBAY_HOME", home.toString());
        builder.environment().put("PATCHBAY_CONFIG", config.toString());
        Process serve = builder.start();
        try {
            int port = awaitPort(state.resolve("admin.port"), serve);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            URI base = URI.create("http://127.0.0.1:" + port);
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicLong errors = new AtomicLong();
            long loadStart = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, clients));
            List<Future<?>> load = new ArrayList<>();
            if (loaded) {
                for (int c = 0; c < clients; c++) {
                    load.add(pool.submit(() -> client(http, base, requests, latencies, errors)));
                }
            }
            JsonNode pipeline = awaitCompleted(http, base, serve);
            for (Future<?> future : load) {
                future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            pool.shutdown();
            String token = Files.readString(work.resolve("admin.token")).strip();
            http.send(HttpRequest.newBuilder(base.resolve("/shutdown")).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (!serve.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("serve did not exit after POST /shutdown");
            }
            double seconds = pipeline.path("elapsedMillis").asLong() / 1000.0;
            long out;
            try (Stream<String> lines = Files.lines(output)) {
                out = lines.count();
            }
            return new Trial(loaded, rows / seconds, List.copyOf(latencies), errors.get(), loaded ? loadSeconds : 0,
                    seconds, out);
        } finally {
            serve.destroyForcibly();
        }
    }

    private static void client(HttpClient http, URI base, int requests, List<Long> latencies, AtomicLong errors) {
        for (int r = 0; r < requests; r++) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(r % 2 == 0 ? "/pipelines" : "/metrics"))
                    .timeout(Duration.ofSeconds(30)).GET().build();
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    errors.incrementAndGet();
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            latencies.add(System.nanoTime() - start);
        }
    }

    private static int awaitPort(Path portFile, Process serve) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!serve.isAlive()) {
                throw new IllegalStateException("serve exited with " + serve.exitValue() + " before listening");
            }
            if (Files.exists(portFile)) {
                String text = Files.readString(portFile).strip();
                if (!text.isEmpty()) {
                    return Integer.parseInt(text);
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no " + portFile + " within " + DEADLINE);
    }

    private static JsonNode awaitCompleted(HttpClient http, URI base, Process serve) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline && serve.isAlive()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/pipelines/bench"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode pipeline = JSON.readTree(response.body());
            String state = pipeline.path("state").asText();
            if (state.equals("COMPLETED")) {
                return pipeline;
            }
            if (state.equals("FAILED")) {
                throw new IllegalStateException("the pipeline failed: " + pipeline.path("error").asText());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the pipeline did not complete within " + DEADLINE);
    }

    private static void report(List<Trial> trials, long rows, int clients, int requests, String loadBefore,
            String loadAfter) {
        List<Double> quiet = trials.stream().filter(t -> !t.loaded()).map(Trial::recordsPerSecond).toList();
        List<Double> loaded = trials.stream().filter(Trial::loaded).map(Trial::recordsPerSecond).toList();
        List<Long> latencies = new ArrayList<>();
        trials.stream().filter(Trial::loaded).forEach(t -> latencies.addAll(t.latenciesNanos()));
        Collections.sort(latencies);
        long errors = trials.stream().mapToLong(Trial::errors).sum();
        Stats q = Stats.of(quiet);
        Stats l = Stats.of(loaded);
        System.out.printf(Locale.ROOT, "%n### Admin API under load: %d rows, %d clients x %d requests, %d trials "
                + "each%n%n", rows, clients, requests, quiet.size());
        System.out.printf(Locale.ROOT, "load average before: %s; after: %s%n%n", loadBefore, loadAfter);
        System.out.println("| kind | records/s median | min | max |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| quiet | %.0f | %.0f | %.0f |%n", q.median(), q.min(), q.max());
        System.out.printf(Locale.ROOT, "| loaded | %.0f | %.0f | %.0f |%n", l.median(), l.min(), l.max());
        System.out.printf(Locale.ROOT, "%nloaded/quiet: %.3f (throughput drop %.1f%%)%n", l.median() / q.median(),
                100 * (1 - l.median() / q.median()));
        System.out.printf(Locale.ROOT, "requests: %d, errors: %d%n", latencies.size(), errors);
        if (!latencies.isEmpty()) {
            System.out.printf(Locale.ROOT, "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    latencies.get(latencies.size() / 2) / 1e6,
                    latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(latencies.size() * 0.99) - 1)) / 1e6,
                    latencies.get(latencies.size() - 1) / 1e6);
        }
        trials.forEach(t -> System.out.printf(Locale.ROOT, "- %s: %.0f rec/s, pipeline %.2f s, load %.2f s, "
                + "records out %d, errors %d%n", t.loaded() ? "loaded" : "quiet", t.recordsPerSecond(),
                t.pipelineSeconds(), t.loadSeconds(), t.recordsOut(), t.errors()));
    }

    private static void deleteTree(Path root) throws IOException {
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
