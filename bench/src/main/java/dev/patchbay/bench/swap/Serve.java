package dev.patchbay.bench.swap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A {@code patchbay serve} process of the benchmark, and its admin API. */
final class Serve implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private URI base;
    private String token;

    private Serve(Process process) {
        this.process = process;
    }

    /** Starts {@code dist/bin/patchbay serve} with {@code config} and waits for its admin port. */
    static Serve start(Path dist, Path config, Path work, Path portFile, Path tokenFile, Duration deadline)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/patchbay").toString(), "serve")
                .redirectOutput(work.resolve("serve.out").toFile()).redirectError(work.resolve("serve.err").toFile());
        builder.environment().put("PATCHBAY_HOME", dist.toString());
        builder.environment().put("PATCHBAY_CONFIG", config.toString());
        Serve serve = new Serve(builder.start());
        try {
            String port = serve.await("serve writes " + portFile, deadline, () -> {
                try {
                    String text = Files.exists(portFile) ? Files.readString(portFile).strip() : "";
                    return text.isEmpty() ? null : text;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            serve.base = URI.create("http://127.0.0.1:" + port);
            serve.token = Files.readString(tokenFile).strip();
            return serve;
        } catch (Exception | Error e) {
            serve.close();
            throw e;
        }
    }

    JsonNode pipeline(String name) {
        return call(HttpRequest.newBuilder(base.resolve("/pipelines/" + name)).GET(), "GET /pipelines/" + name);
    }

    JsonNode post(String path) {
        return call(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()), "POST " + path);
    }

    private JsonNode call(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(what + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
    }

    /**
     * Polls {@code condition} every 5 ms until it gives neither null nor false.
     *
     * @throws IllegalStateException when serve ends first or the deadline passes
     */
    <T> T await(String what, Duration deadline, Supplier<T> condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            T value = condition.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("serve exited with " + process.exitValue() + " while waiting until "
                        + what);
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + deadline.toSeconds() + " s waiting until "
                        + what);
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    void awaitExit(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("serve did not exit within " + deadline.toSeconds() + " s of /shutdown");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("serve exited with " + process.exitValue());
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
