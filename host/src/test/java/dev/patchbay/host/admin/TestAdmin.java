package dev.patchbay.host.admin;

import dev.patchbay.host.config.AdminSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An admin server on a free loopback port with routes made for the tests, and a client for it. The routes stand in
 * for the host's: a health check, a pipeline looked up by name with close matches, a write taking optional JSON,
 * a route that fails and one that blocks until released.
 */
final class TestAdmin implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(10);

    final Path state;
    final AdminToken token;
    final AdminServer server;
    final CountDownLatch blocked = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(DEADLINE).build();

    /** Stops without the stop delay: on JDK 17 the server always waits for all of it. */
    static final AdminLimits QUICK_STOP = new AdminLimits(8, 64, Duration.ZERO);

    TestAdmin(Path home) throws IOException {
        this(home, "127.0.0.1", QUICK_STOP);
    }

    TestAdmin(Path home, String host, AdminLimits limits) throws IOException {
        this.state = home.resolve("state");
        AdminSettings settings = new AdminSettings(host, 0, state.resolve("admin.token"));
        this.token = AdminToken.loadOrCreate(settings.tokenFile(), new SecureRandom());
        this.server = AdminServer.start(settings, state, token, routes(), limits);
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(Route.read("/health", request -> Response.json(Map.of("status", "up"))));
        routes.add(Route.read("/pipelines/{name}", request -> {
            String name = request.parameter("name");
            if (!name.equals("demo")) {
                throw new AdminException(404, "no pipeline named '" + name + "'; did you mean 'demo'?",
                        List.of("demo"));
            }
            return Response.json(Map.of("name", name, "query", request.query("verbose").orElse("")));
        }));
        routes.add(Route.write("/pipelines/{name}/pause", request -> {
            var body = request.jsonObject();
            if (body.isPresent() && body.get().has("conflict")) {
                throw new AdminException(409, "pipeline '" + request.parameter("name") + "' is already paused");
            }
            return Response.json(Map.of("paused", request.parameter("name"), "body", body.isPresent(),
                    "bytes", request.body().length));
        }));
        routes.add(Route.read("/thread", request -> Response.json(Map.of("thread", Thread.currentThread().getName()))));
        routes.add(Route.read("/boom", request -> {
            throw new IllegalStateException("the route broke");
        }));
        routes.add(Route.read("/block", request -> {
            blocked.countDown();
            if (!release.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test never released /block");
            }
            return Response.json(Map.of("released", true));
        }));
        return routes;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(DEADLINE).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(DEADLINE)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String bearer() {
        return "Bearer " + token.value();
    }

    @Override
    public void close() {
        release.countDown();
        server.close();
    }
}
