package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The admin API of a running {@code patchbay serve}: finds its port and token in the home's state folder, reads
 * JSON and posts commands, and polls a condition until a deadline (failing early when serve has ended).
 */
final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Patchbay.Started serve;
    private final Duration deadline;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String token;

    private AdminApi(Patchbay.Started serve, Duration deadline, int port, String token) {
        this.serve = serve;
        this.deadline = deadline;
        this.port = port;
        this.token = token;
    }

    /** Waits for serve to write {@code state/admin.port} and reads the token beside it. */
    static AdminApi of(Patchbay.Started serve, Path home, Duration deadline) throws Exception {
        Path portFile = home.resolve("state/admin.port");
        await(serve, deadline, "serve writes " + portFile, () -> Files.exists(portFile));
        int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).strip());
        String token = Files.readString(home.resolve("state/admin.token"), StandardCharsets.US_ASCII).strip();
        return new AdminApi(serve, deadline, port, token);
    }

    /** {@code GET path}, which must answer 200 with JSON. */
    JsonNode get(String path) {
        return call(HttpRequest.newBuilder(uri(path)), "GET " + path);
    }

    /** {@code POST path} with the token, which must answer 200 with JSON. */
    JsonNode post(String path) {
        return call(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()), "POST " + path);
    }

    /** The plugin with {@code id} and {@code version} in {@code GET /plugins}, or a missing node. */
    JsonNode plugin(String id, String version) {
        for (JsonNode plugin : get("/plugins").path("plugins")) {
            if (plugin.path("id").asText().equals(id) && plugin.path("version").asText().equals(version)) {
                return plugin;
            }
        }
        return JSON.missingNode();
    }

    void await(String what, BooleanSupplier condition) throws Exception {
        await(serve, deadline, what, condition);
    }

    static void await(Patchbay.Started serve, Duration deadline, String what, BooleanSupplier condition)
            throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (!serve.process.isAlive()) {
                throw new AssertionError("serve ended while waiting until " + what + ": " + serve.await(1));
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private JsonNode call(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
