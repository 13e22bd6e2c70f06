package dev.patchbay.host.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.config.AdminSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The admin server over real HTTP: binding, the port file, threads, errors as JSON, tokens and saturation. */
class AdminServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void portZeroTakesAFreePortWritesItAndCloseDeletesItAndStopsTheThreads() throws Exception {
        TestAdmin admin = new TestAdmin(home, "127.0.0.1", AdminLimits.DEFAULT);
        int port = admin.server.port();
        try {
            assertThat(port).isPositive();
            assertThat(Files.readString(admin.state.resolve("admin.port"))).isEqualTo(port + "\n");
            assertThat(admin.get("/health").statusCode()).isEqualTo(200);
        } finally {
            admin.close();
        }

        assertThat(admin.state.resolve("admin.port")).doesNotExist();
        assertThat(admin.server.threadsStopped()).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("patchbay-admin"));
        assertThatThrownBy(() -> admin.get("/health")).isInstanceOf(ConnectException.class);
    }

    @Test
    void requestsRunOnTheServersOwnNamedThreads() throws Exception {
        try (TestAdmin admin = new TestAdmin(home)) {
            assertThat(json(admin.get("/thread")).get("thread").asText()).matches("patchbay-admin-[0-9]+");
        }
    }

    @Test
    void answersAndErrorsAreJsonWithTheAgreedShape() throws Exception {
        try (TestAdmin admin = new TestAdmin(home)) {
            HttpResponse<String> found = admin.get("/pipelines/demo?verbose=y%20es");
            HttpResponse<String> missing = admin.get("/pipelines/demp");

            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(found.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(json(found).get("query").asText()).isEqualTo("y es");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(json(missing)).isEqualTo(JSON.readTree("{\"status\": 404, \"error\": \"Not Found\", "
                    + "\"message\": \"no pipeline named 'demp'; did you mean 'demo'?\", \"closeMatches\": [\"demo\"]}"));
        }
    }

    @Test
    void aFailingRouteIsA500LoggedWithItsCauseAndTheServerStaysUp() throws Exception {
        ListAppender<ILoggingEvent> logged = capture(AdminDispatch.class);
        try (TestAdmin admin = new TestAdmin(home)) {
            HttpResponse<String> boom = admin.get("/boom");

            assertThat(boom.statusCode()).isEqualTo(500);
            assertThat(json(boom).get("message").asText()).contains("GET /boom").contains("the route broke");
            assertThat(admin.get("/health").statusCode()).isEqualTo(200);
        } finally {
            release(AdminDispatch.class, logged);
        }
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).contains("GET /boom");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("the route broke");
        });
    }

    @Test
    void theChosenPortIsLoggedAtInfoAndASecondCloseDoesNothing() throws Exception {
        ListAppender<ILoggingEvent> logged = capture(AdminServer.class);
        int port;
        try (TestAdmin admin = new TestAdmin(home)) {
            port = admin.server.port();
            admin.server.close();
        } finally {
            release(AdminServer.class, logged);
        }
        assertThat(logged.list).filteredOn(event -> event.getFormattedMessage().equals("Admin API stopped"))
                .hasSize(1);
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).contains("http://127.0.0.1:" + port)
                    .contains(home.resolve("state/admin.port").toString());
        });
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> type) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        return appender;
    }

    private static void release(Class<?> type, ListAppender<ILoggingEvent> appender) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        logger.detachAppender(appender);
        logger.setLevel(null);
    }

    @Test
    void aWrongMethodIs405WithAllow() throws Exception {
        try (TestAdmin admin = new TestAdmin(home)) {
            HttpResponse<String> response = admin.post("/health", "", "Authorization", admin.bearer());

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET");
            assertThat(json(response).get("error").asText()).isEqualTo("Method Not Allowed");
        }
    }

    @Test
    void writesNeedTheTokenAndReadsOnLoopbackDoNot() throws Exception {
        try (TestAdmin admin = new TestAdmin(home)) {
            HttpResponse<String> without = admin.post("/pipelines/demo/pause", "");
            HttpResponse<String> with = admin.post("/pipelines/demo/pause", "", "Authorization", admin.bearer());

            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(without.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            assertThat(json(without).get("message").asText()).contains("Authorization: Bearer");
            assertThat(with.statusCode()).isEqualTo(200);
            assertThat(admin.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readsNeedTheTokenWhenTheAddressIsNotLoopback() throws Exception {
        try (TestAdmin admin = new TestAdmin(home, "0.0.0.0", TestAdmin.QUICK_STOP)) {
            assertThat(admin.server.loopback()).isFalse();
            assertThat(admin.get("/health").statusCode()).isEqualTo(401);
            HttpResponse<String> with = admin.http.send(java.net.http.HttpRequest.newBuilder(admin.uri("/health"))
                    .header("Authorization", admin.bearer()).timeout(TestAdmin.DEADLINE).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(with.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRouteTakesOptionalJsonAndMalformedJsonIs400() throws Exception {
        try (TestAdmin admin = new TestAdmin(home)) {
            String token = admin.bearer();

            assertThat(json(admin.post("/pipelines/demo/pause", "", "Authorization", token)).get("body").asBoolean())
                    .isFalse();
            assertThat(json(admin.post("/pipelines/demo/pause", "{\"a\": 1}", "Authorization", token)).get("body")
                    .asBoolean()).isTrue();
            HttpResponse<String> conflict = admin.post("/pipelines/demo/pause", "{\"conflict\": 1}",
                    "Authorization", token);
            assertThat(conflict.statusCode()).isEqualTo(409);
            assertThat(json(conflict).get("error").asText()).isEqualTo("Conflict");
            HttpResponse<String> malformed = admin.post("/pipelines/demo/pause", "{\"a\": ", "Authorization", token);
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(json(malformed).get("message").asText()).contains("POST /pipelines/demo/pause")
                    .contains("not well-formed JSON");
        }
    }

    @Test
    void aSaturatedServerAnswers503AndRecovers() throws Exception {
        try (TestAdmin admin = new TestAdmin(home, "127.0.0.1", new AdminLimits(1, 0, Duration.ZERO))) {
            CompletableFuture<HttpResponse<String>> blocking = admin.http.sendAsync(java.net.http.HttpRequest
                    .newBuilder(admin.uri("/block")).timeout(TestAdmin.DEADLINE).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(admin.blocked.await(TestAdmin.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

            HttpResponse<String> busy = admin.get("/health");

            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json(busy).get("error").asText()).isEqualTo("Service Unavailable");
            admin.release.countDown();
            assertThat(blocking.get(TestAdmin.DEADLINE.toMillis(), TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
            assertThat(untilNot503(admin)).isEqualTo(200);
        }
    }

    @Test
    void aPortInUseIsRefusedNamingTheSettingAndTheVariable() throws Exception {
        try (TestAdmin admin = new TestAdmin(home)) {
            AdminSettings taken = new AdminSettings("127.0.0.1", admin.server.port(), admin.state.resolve("t"));

            assertThatThrownBy(() -> AdminServer.start(taken, home.resolve("other"), admin.token, List.of()))
                    .isInstanceOf(IOException.class).hasMessageContaining("127.0.0.1:" + admin.server.port())
                    .hasMessageContaining("admin.port").hasMessageContaining("PATCHBAY_ADMIN_PORT");
        }
    }

    // The one worker returns to the pool just after its answer is sent; until then a request is still refused.
    private static int untilNot503(TestAdmin admin) throws Exception {
        long deadline = System.nanoTime() + TestAdmin.DEADLINE.toNanos();
        int status;
        do {
            status = admin.get("/health").statusCode();
        } while (status == 503 && System.nanoTime() < deadline);
        return status;
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
