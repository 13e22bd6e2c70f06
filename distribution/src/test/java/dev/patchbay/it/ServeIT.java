package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dist/bin/patchbay serve} as a process on a home with a copy of the distribution's plugins and a continuous
 * pipeline (the files plugin's text-source in follow mode into a text-sink): queried and steered through the admin
 * API and the CLI, refused a second time on the same home, stopped with SIGTERM while records flow and started
 * again, with every input line in the output exactly once, and the INFO lines in {@code logs/patchbay.log}.
 */
class ServeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Map<String, String> ENV = Map.of("PATCHBAY_ADMIN_PORT", "0", "PATCHBAY_LOG_LEVEL", "INFO");

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger written = new AtomicInteger();
    private final List<Patchbay.Started> hosts = new ArrayList<>();

    /** A host a failed assertion left running would hold its home and both cores for the rest of the build. */
    @AfterEach
    void killHostsLeftRunning() {
        hosts.forEach(Patchbay.Started::killIfAlive);
    }

    @Test
    void serveIsQueriedSteeredRefusedTwiceAndStopsWithSigtermLosingNothing() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        Path plugins = patchbay.copyPlugins();
        Path home = patchbay.home();
        Path input = home.resolve("data/in.txt");
        Path output = home.resolve("data/out.txt");
        append(input, 1_000);
        patchbay.config("""
                {
                  "plugins": { "directory": "%s" },
                  "runtime": { "shutdownGraceSeconds": 60 },
                  "pipelines": { "tail": {
                    "source": { "use": "files/text-source", "settings": { "path": "data/in.txt", "follow": true } },
                    "sink": { "use": "files/text-sink", "settings": { "path": "data/out.txt" } },
                    "batchSize": 100, "lingerMillis": 10 } }
                }
                """.formatted(plugins.toString().replace("\\", "\\\\")));

        Patchbay.Started serve = patchbay.start(ENV, "serve");
        hosts.add(serve);
        int port = awaitPort(serve, home);
        String token = Files.readString(home.resolve("state/admin.token"), StandardCharsets.US_ASCII).strip();

        assertThat(json(get(port, "/health", 200))).hasToString("{\"status\":\"UP\"}");
        await(serve, "the host is ready", () -> status(port, "/ready") == 200);
        await(serve, "the first 1000 lines are written", () -> lines(output) == 1_000);
        JsonNode pipelines = json(get(port, "/pipelines", 200));
        assertThat(pipelines.path("host").asText()).isEqualTo("RUNNING");
        assertThat(pipelines.path("pipelines").path(0).path("name").asText()).isEqualTo("tail");

        // Pause and resume through HTTP and the CLI, each way round.
        assertThat(json(post(port, token, "/pipelines/tail/pause", 200)).path("pipeline").asText()).isEqualTo("tail");
        await(serve, "paused", () -> state(port).equals("PAUSED"));
        post(port, token, "/pipelines/tail/pause", 409);
        append(input, 500);
        Patchbay.Result resumed = patchbay.start(ENV, "pipelines", "resume", "tail").await(60);
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        await(serve, "the lines appended while paused are written", () -> lines(output) == 1_500);
        Patchbay.Result paused = patchbay.start(ENV, "pipelines", "pause", "tail").await(60);
        assertThat(paused.exitCode()).as(paused.toString()).isZero();
        await(serve, "paused through the CLI", () -> state(port).equals("PAUSED"));
        post(port, token, "/pipelines/tail/resume", 200);
        await(serve, "running", () -> state(port).equals("RUNNING"));

        // Restart through both.
        post(port, token, "/pipelines/tail/restart", 200);
        await(serve, "restarted once", () -> pipeline(port).path("restarts").asInt() >= 1
                && state(port).equals("RUNNING"));
        Patchbay.Result restarted = patchbay.start(ENV, "pipelines", "restart", "tail").await(60);
        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        await(serve, "restarted twice", () -> pipeline(port).path("restarts").asInt() >= 2
                && state(port).equals("RUNNING"));
        Patchbay.Result status = patchbay.start(ENV, "status").await(60);
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).containsPattern("(?m)^tail +RUNNING ");

        // A second host on the same home is refused, naming the first.
        Patchbay.Result second = patchbay.start(ENV, "serve").await(60);
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(2);
        assertThat(second.stderr()).contains("pid " + serve.jvm().pid()).contains("patchbay serve");
        assertThat(state(port)).as("the first host runs on").isEqualTo("RUNNING");

        // SIGTERM while a writer appends and the pipeline reads.
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            try {
                while (writing.get() && written.get() < 200_000) {
                    append(input, 200);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "serve-it-writer");
        writer.start();
        int before = lines(output);
        await(serve, "records flow", () -> lines(output) > before + 2_000);
        serve.sigterm();
        Patchbay.Result stopped;
        try {
            stopped = serve.await(DEADLINE.toSeconds());
        } finally {
            writing.set(false);
            writer.join(DEADLINE.toMillis());
        }
        assertThat(writer.isAlive()).isFalse();
        assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
        assertThat(Files.exists(home.resolve("state/admin.port"))).as("the port file is gone").isFalse();

        // The checkpoint is at the end of what was written: the output is exactly the input up to it.
        List<String> in = Files.readAllLines(input, StandardCharsets.UTF_8);
        List<String> out = Files.readAllLines(output, StandardCharsets.UTF_8);
        JsonNode checkpoint = JSON.readTree(home.resolve("state/tail.json").toFile());
        // The files sources' position: the byte offset and the 1-based number of the next line.
        String position = "offset=" + Files.size(output) + ";line=" + (out.size() + 1);
        assertThat(checkpoint.path("position").asText()).isEqualTo(position);
        assertThat(out).as("what was written before SIGTERM, once each, in order").isEqualTo(in.subList(0, out.size()));
        assertThat(out.size()).as("the writer outran the pipeline: SIGTERM came while records flowed")
                .isLessThan(in.size());

        Patchbay.Result none = patchbay.start(ENV, "status").await(60);
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(3);
        assertThat(none.stderr()).startsWith("no Patchbay host is running on " + home);

        // Started again, it resumes from the checkpoint and reads the rest: every input line is in the output once.
        Patchbay.Started again = patchbay.start(ENV, "serve");
        hosts.add(again);
        awaitPort(again, home);
        await(again, "the rest is written", () -> lines(output) == in.size());
        Patchbay.Result shutdown = patchbay.start(ENV, "shutdown").await(60);
        assertThat(shutdown.exitCode()).as(shutdown.toString()).isZero();
        Patchbay.Result end = again.await(DEADLINE.toSeconds());
        assertThat(end.exitCode()).as(end.toString()).isZero();
        assertThat(Files.readAllLines(output, StandardCharsets.UTF_8)).as("every line once, in order").isEqualTo(in);

        String log = Files.readString(home.resolve("logs/patchbay.log"), StandardCharsets.UTF_8);
        assertThat(log).containsPattern("INFO .*\\[pipeline=tail\\].* pipeline 'tail': starting from the beginning")
                .contains("pipeline 'tail': paused").contains("pipeline 'tail': resumed")
                .contains("pipeline 'tail': restarting on request, resuming from its checkpoint")
                .containsPattern("INFO .*pipeline 'tail': stopped")
                .containsPattern("INFO .*\\[pipeline=tail\\].* pipeline 'tail': starting, resuming from its checkpoint "
                        + "at position '" + position + "'");
    }

    private void append(Path file, int count) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append("line ").append(written.getAndIncrement()).append('\n');
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            out.write(lines.toString());
        }
    }

    private static int lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).size() : 0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int awaitPort(Patchbay.Started serve, Path home) throws Exception {
        Path portFile = home.resolve("state/admin.port");
        await(serve, "serve writes " + portFile, () -> Files.exists(portFile));
        return Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).strip());
    }

    private static void await(Patchbay.Started serve, String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (!serve.process.isAlive()) {
                throw new AssertionError("serve ended while waiting until " + what + ": " + serve.await(1));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private String state(int port) {
        return pipeline(port).path("state").asText();
    }

    private JsonNode pipeline(int port) {
        try {
            return json(get(port, "/pipelines/tail", 200));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int status(int port, String path) {
        try {
            return send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10)).build()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(int port, String path, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10))
                .build());
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(status);
        return response;
    }

    private HttpResponse<String> post(int port, String token, String path, int status)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isEqualTo(status);
        return response;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
