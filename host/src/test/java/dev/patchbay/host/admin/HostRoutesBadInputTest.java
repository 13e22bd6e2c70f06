package dev.patchbay.host.admin;

import static dev.patchbay.host.testing.HostHome.await;
import static dev.patchbay.host.testing.HostHome.pipeline;
import static dev.patchbay.host.testing.HostHome.pipelineOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.service.HostView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus over the host's real routes, with the token, over raw sockets: odd ids on
 * {@code /pipelines/{name}/pause}, traversal on {@code /plugins/{id}/enable}, oversized and malformed bodies on
 * {@code /shutdown}. The generic cases are in {@link AdminBadInputTest}. After each the host still answers, nothing
 * was paused, enabled or shut down, and after all of them its pipeline still reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostRoutesBadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "{token}";
    private static final String AUTH = "Authorization: Bearer " + TOKEN + "\r\n";

    private HostRoutesFixture live;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        live = new HostRoutesFixture(dir, pipeline("flow", "endless", "", ""));
        // spare is disabled for the corpus, so that an enable that got through would show.
        assertThat(live.post("/plugins/spare/disable", "").statusCode()).isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            long read = pipelineOf(live.host, "flow").stages().get(0).out();
            await("flow reads on after the corpus", () -> pipelineOf(live.host, "flow").stages().get(0).out() > read);
            assertThat(live.get("/pipelines/flow").statusCode()).isEqualTo(200);
        } finally {
            live.close();
        }
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                // Odd ids on a pipeline command.
                Arguments.of("dot dot", post("/pipelines/../pause"), 400),
                Arguments.of("dot", post("/pipelines/./pause"), 400),
                Arguments.of("encoded dot dot", post("/pipelines/%2e%2e/pause"), 400),
                Arguments.of("encoded slash", post("/pipelines/flow%2Fx/pause"), 400),
                Arguments.of("encoded NUL", post("/pipelines/flow%00/pause"), 400),
                Arguments.of("encoded space", post("/pipelines/flow%20/pause"), 400),
                Arguments.of("raw UTF-8", post("/pipelines/fl\u00c3\u00b6w/pause"), 400),
                Arguments.of("semicolon", post("/pipelines/flow;x=1/pause"), 400),
                Arguments.of("tilde, a path character but not an id's", post("/pipelines/~flow/pause"), 400),
                Arguments.of("129 characters", post("/pipelines/" + "f".repeat(129) + "/pause"), 400),
                Arguments.of("128 characters, unknown", post("/pipelines/" + "f".repeat(128) + "/pause"), 404),
                Arguments.of("other case", post("/pipelines/FLOW/pause"), 404),
                Arguments.of("a trailing dot", post("/pipelines/flow./pause"), 404),
                Arguments.of("a leading dash", post("/pipelines/-flow/pause"), 404),
                Arguments.of("empty name", post("/pipelines//pause"), 400),
                Arguments.of("query instead of name", post("/pipelines/pause?name=flow"), 405),
                // Traversal on a plugin command.
                Arguments.of("plugin dot dot", post("/plugins/../enable"), 400),
                Arguments.of("plugin dot dot after the id", post("/plugins/spare/../enable"), 400),
                Arguments.of("plugin encoded traversal", post("/plugins/..%2F..%2Fetc%2Fpasswd/enable"), 400),
                Arguments.of("plugin encoded dot dot slash", post("/plugins/%2e%2e%2fspare/enable"), 400),
                Arguments.of("plugin backslash, refused by the JDK's URI parser before the admin layer",
                        post("/plugins/..\\spare/enable"), 400),
                Arguments.of("plugin double-encoded", post("/plugins/%252e%252e/enable"), 400),
                Arguments.of("plugin a file name", post("/plugins/spare-1.0.0.jar/enable"), 404),
                // Oversized and malformed bodies on /shutdown: none may shut the host down.
                Arguments.of("Content-Length over 64 KiB", "POST /shutdown HTTP/1.1\r\nHost: x\r\n" + AUTH
                        + "Content-Length: 65537\r\n\r\n", 413),
                Arguments.of("Content-Length huge", "POST /shutdown HTTP/1.1\r\nHost: x\r\n" + AUTH
                        + "Content-Length: 99999999999999\r\n\r\n", 413),
                Arguments.of("chunked over 64 KiB", "POST /shutdown HTTP/1.1\r\nHost: x\r\n" + AUTH
                        + chunked(70_000), 413),
                Arguments.of("an array body", "POST /shutdown HTTP/1.1\r\nHost: x\r\n" + AUTH + body("[]"), 400),
                Arguments.of("a truncated body", "POST /shutdown HTTP/1.1\r\nHost: x\r\n" + AUTH
                        + body("{\"now\": tr"), 400),
                Arguments.of("no token", "POST /shutdown HTTP/1.1\r\nHost: x\r\n" + body(""), 401),
                Arguments.of("GET", "GET /shutdown HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadInputIsRefusedAndChangesNothing(String name, String request, int status) throws Exception {
        String answer;
        try (RawHttp client = new RawHttp(live.server.port(), TestAdmin.DEADLINE)) {
            answer = client.send(request.replace(TOKEN, live.token.value()).getBytes(StandardCharsets.ISO_8859_1))
                    .readAnswer();
        }

        assertThat(answer.toLowerCase(Locale.ROOT)).as(name).startsWith("http/1.1 " + status + " ");
        if (!name.contains("JDK")) {
            JsonNode error = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(error.path("status").asInt()).isEqualTo(status);
            assertThat(error.path("message").asText()).isNotBlank();
        }
        assertThat(live.get("/health").statusCode()).isEqualTo(200);
        HostView view = live.host.view();
        assertThat(view.state()).as("not shut down").isEqualTo(HostView.State.RUNNING);
        assertThat(view.pipeline("flow").orElseThrow().state()).as("not paused").isEqualTo("RUNNING");
        assertThat(view.plugin("spare").map(PluginInfo::state)).as("not enabled").contains(PluginState.DISABLED);
    }

    private static String post(String path) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + AUTH + body("");
    }

    private static String body(String text) {
        return "Content-Length: " + text.length() + "\r\n\r\n" + text;
    }

    private static String chunked(int size) {
        StringBuilder out = new StringBuilder("Transfer-Encoding: chunked\r\n\r\n");
        for (int left = size; left > 0; left -= 8192) {
            int chunk = Math.min(8192, left);
            out.append(Integer.toHexString(chunk)).append("\r\n").append(" ".repeat(chunk)).append("\r\n");
        }
        return out.append("0\r\n\r\n").toString();
    }
}
