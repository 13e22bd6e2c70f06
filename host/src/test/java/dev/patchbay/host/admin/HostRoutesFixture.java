package dev.patchbay.host.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.config.AdminSettings;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.service.Host;
import dev.patchbay.host.testing.HostHome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * A real host in serve mode over {@link HostHome}'s plugin jars, its routes on a real admin server on a free
 * loopback port, and a client for it.
 */
final class HostRoutesFixture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final HostHome home;
    final Host host;
    final AdminToken token;
    final AdminServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(TestAdmin.DEADLINE).build();

    /** {@code pipelines}: JSON members as {@link HostHome#config} takes them. */
    HostRoutesFixture(Path dir, String pipelines) throws Exception {
        home = new HostHome(dir);
        PatchbayConfig config = home.config("", pipelines);
        host = home.open(config, PipelineRuntime.Mode.SERVE);
        try {
            host.start();
            Path state = config.stateDirectory();
            token = AdminToken.loadOrCreate(state.resolve("admin.token"), new SecureRandom());
            server = AdminServer.start(new AdminSettings("127.0.0.1", 0, state.resolve("admin.token")), state, token,
                    HostRoutes.of(host, List.of()), TestAdmin.QUICK_STOP);
        } catch (Exception | Error e) {
            host.close();
            throw e;
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(TestAdmin.DEADLINE).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST path} with the token. */
    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(TestAdmin.DEADLINE)
                .header("Authorization", "Bearer " + token.value())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Shuts the host down, drains it, then stops the server and closes the host. */
    @Override
    public void close() throws IOException {
        try (host) {
            try {
                if (!host.shutdownRequested()) {
                    host.shutdown("the test is done");
                }
                host.finish(host.awaitShutdown());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while the test's host drained");
            } finally {
                server.close();
            }
        }
    }
}
