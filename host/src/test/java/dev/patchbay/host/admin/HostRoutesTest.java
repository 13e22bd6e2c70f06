package dev.patchbay.host.admin;

import static dev.patchbay.host.admin.HostRoutesFixture.json;
import static dev.patchbay.host.testing.HostHome.await;
import static dev.patchbay.host.testing.HostHome.pipeline;
import static dev.patchbay.host.testing.HostHome.pipelineOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.service.HostView;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host's routes over a real admin server and a real host with real plugin jars: the reads answer the JSON
 * {@code openapi.json} documents, the writes map the host's exceptions to 404 (with close matches) and 409, every
 * write needs the token and refuses a malformed body without changing anything. Two continuous pipelines run
 * throughout: {@code flow} (basics only) and {@code other} (into the {@code spare} plugin's sink); every test leaves
 * them running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostRoutesTest {

    private static final DocumentedJson DOCUMENTED = DocumentedJson.load();

    private HostRoutesFixture live;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        live = new HostRoutesFixture(dir, pipeline("flow", "endless", "", "") + ", \"other\": {\"source\": {\"use\": "
                + "\"basics/endless\"}, \"sink\": {\"use\": \"spare/sink\"}}");
        await("both pipelines read", () -> pipelineOf(live.host, "flow").stages().get(0).out() > 0
                && pipelineOf(live.host, "other").stages().get(0).out() > 0);
    }

    @AfterAll
    void stop() throws Exception {
        live.close();
    }

    static Stream<Arguments> reads() {
        return Stream.of(
                Arguments.of("/health", "/health", 200),
                Arguments.of("/ready", "/ready", 200),
                Arguments.of("/plugins", "/plugins", 200),
                Arguments.of("/plugins/basics", "/plugins/{id}", 200),
                Arguments.of("/pipelines", "/pipelines", 200),
                Arguments.of("/pipelines/flow", "/pipelines/{name}", 200),
                Arguments.of("/openapi.json", "/openapi.json", 200),
                Arguments.of("/pipelines/flwo", "/pipelines/{name}", 404),
                Arguments.of("/plugins/basic", "/plugins/{id}", 404));
    }

    @ParameterizedTest(name = "GET {0}: {2}")
    @MethodSource("reads")
    void eachReadAnswersTheDocumentedJson(String path, String pattern, int status) throws Exception {
        HttpResponse<String> response = live.get(path);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains(AdminJson.CONTENT_TYPE);
        assertThat(DOCUMENTED.problems("GET", pattern, status, json(response))).as(response.body()).isEmpty();
    }

    @Test
    void theReadsShowTheHostsPipelinesAndPlugins() throws Exception {
        JsonNode pipelines = json(live.get("/pipelines"));
        assertThat(pipelines.path("host").asText()).isEqualTo("RUNNING");
        assertThat(pipelines.path("pipelines")).extracting(p -> p.path("name").asText())
                .containsExactly("flow", "other");
        JsonNode flow = json(live.get("/pipelines/flow"));
        assertThat(flow.path("state").asText()).isEqualTo("RUNNING");
        assertThat(flow.path("stages")).extracting(s -> s.path("use").asText())
                .containsExactly("basics/endless", "basics/drop");
        assertThat(json(live.get("/plugins")).path("plugins")).extracting(p -> p.path("id").asText())
                .containsExactly("basics", "breaks", "spare");
        assertThat(json(live.get("/plugins/spare")).path("state").asText()).isEqualTo("STARTED");
        assertThat(json(live.get("/ready"))).hasToString("{\"ready\":true,\"reasons\":[]}");
    }

    static Stream<Arguments> unknownNames() {
        return Stream.of(
                Arguments.of("GET", "/pipelines/flwo", "flow"),
                Arguments.of("POST", "/pipelines/flwo/pause", "flow"),
                Arguments.of("POST", "/pipelines/flwo/resume", "flow"),
                Arguments.of("POST", "/pipelines/flwo/restart", "flow"),
                Arguments.of("POST", "/pipelines/flwo/stop", "flow"),
                Arguments.of("POST", "/pipelines/othr/pause", "other"),
                Arguments.of("GET", "/plugins/spars", "spare"),
                Arguments.of("POST", "/plugins/spars/enable", "spare"),
                Arguments.of("POST", "/plugins/spars/disable", "spare"),
                Arguments.of("POST", "/plugins/basic/disable", "basics"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unknownNames")
    void anUnknownPipelineOrPluginIs404WithTheCloseMatch(String method, String path, String meant) throws Exception {
        HttpResponse<String> response = method.equals("GET") ? live.get(path) : live.post(path, "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        JsonNode error = json(response);
        assertThat(error.path("closeMatches")).extracting(JsonNode::asText).startsWith(meant);
        assertThat(error.path("message").asText()).contains("'" + path.split("/")[2] + "'")
                .contains("did you mean '" + meant + "'");
        assertThat(DOCUMENTED.problems(method, pattern(path), 404, error)).isEmpty();
        assertRunning();
    }

    @Test
    void pauseTwiceIs409AndResumeWhenNotPausedIs409() throws Exception {
        HttpResponse<String> paused = live.post("/pipelines/flow/pause", "");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(DOCUMENTED.problems("POST", "/pipelines/{name}/pause", 200, json(paused))).isEmpty();
        await("flow is paused", () -> pipelineOf(live.host, "flow").state().equals("PAUSED"));
        assertThat(json(live.get("/pipelines/flow")).path("state").asText()).isEqualTo("PAUSED");

        HttpResponse<String> again = live.post("/pipelines/flow/pause", "");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(json(again).path("message").asText()).contains("flow");

        HttpResponse<String> resumed = live.post("/pipelines/flow/resume", "{}");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        await("flow runs", () -> pipelineOf(live.host, "flow").state().equals("RUNNING"));
        HttpResponse<String> notPaused = live.post("/pipelines/flow/resume", "");
        assertThat(notPaused.statusCode()).as(notPaused.body()).isEqualTo(409);
        assertThat(json(notPaused).path("message").asText()).contains("is not paused");
        assertThat(DOCUMENTED.problems("POST", "/pipelines/{name}/resume", 409, json(notPaused))).isEmpty();
        assertRunning();
    }

    @Test
    void restartingAPipelineThatNeedsADisabledPluginIs409UntilThePluginIsEnabled() throws Exception {
        HttpResponse<String> disabled = live.post("/plugins/spare/disable", "");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(json(disabled).path("message").asText())
                .isEqualTo("plugin 'spare' is disabled; stopping pipelines [other]");
        await("other stopped", () -> pipelineOf(live.host, "other").state().equals("STOPPED"));
        assertThat(json(live.get("/pipelines/other")).path("stopReason").asText())
                .isEqualTo("plugin 'spare' was disabled");

        HttpResponse<String> restart = live.post("/pipelines/other/restart", "");
        assertThat(restart.statusCode()).as(restart.body()).isEqualTo(409);
        assertThat(json(restart).path("message").asText())
                .isEqualTo("pipeline 'other' needs plugin 'spare', which is disabled; enable it first");
        assertThat(live.post("/plugins/spare/disable", "").statusCode()).as("disable twice").isEqualTo(409);

        HttpResponse<String> enabled = live.post("/plugins/spare/enable", "");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        assertThat(live.home.persisted).endsWith("disable spare", "enable spare");
        await("other runs again", () -> pipelineOf(live.host, "other").state().equals("RUNNING"));
        assertThat(live.post("/plugins/spare/enable", "").statusCode()).as("enable twice").isEqualTo(409);
        assertRunning();
    }

    @Test
    void anIdAtVersionDisablesAndEnablesOneVersionInTheConfiguration() throws Exception {
        String version = live.host.view().plugin("spare").orElseThrow().version();

        HttpResponse<String> disabled = live.post("/plugins/spare@" + version + "/disable", "");
        HttpResponse<String> unknown = live.post("/plugins/spare@9.9.9/disable", "");
        HttpResponse<String> enabled = live.post("/plugins/spare@" + version + "/enable", "");

        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(json(disabled).path("plugin").asText()).isEqualTo("spare@" + version);
        assertThat(json(disabled).path("message").asText()).startsWith("plugin 'spare' " + version + " is disabled in"
                + " the configuration");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        assertThat(live.home.persisted).endsWith("disable spare@" + version, "enable spare@" + version);
        assertRunning();
    }

    static Stream<Arguments> writes() {
        return Stream.of("/pipelines/flow/pause", "/pipelines/flow/resume", "/pipelines/flow/restart",
                "/pipelines/flow/stop", "/plugins/spare/enable", "/plugins/spare/disable", "/plugins/spare/reload",
                "/shutdown")
                .map(Arguments::of);
    }

    @Test
    void aReloadLoadsThePluginAgainAndAnUnknownOneIs404() throws Exception {
        HttpResponse<String> reloaded = live.post("/plugins/basics/reload", "");
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        assertThat(reloaded.body()).contains("reloaded [basics 1.0.0]");

        HttpResponse<String> unknown = live.post("/plugins/basix/reload", "");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("did you mean 'basics'");
        // The host is shared by the tests of this class: leave its pipelines running on the new load.
        await("every pipeline runs on the new load", () -> live.host.view().pipelines().pipelines().stream()
                .allMatch(p -> p.state().equals("RUNNING") && p.lastSwap() != null));
    }

    @Test
    void theWriteTableCoversEveryWriteRoute() {
        List<String> routes = HostRoutes.of(live.host, List.of()).stream().filter(Route::write)
                .map(r -> r.pattern().toString()).toList();
        assertThat(writes().map(a -> pattern((String) a.get()[0]))).containsExactlyInAnyOrderElementsOf(routes);
    }

    @ParameterizedTest(name = "POST {0}")
    @MethodSource("writes")
    void aWriteWithoutTheTokenIs401AndChangesNothing(String path) throws Exception {
        HttpResponse<String> response = live.http.send(HttpRequest.newBuilder(live.uri(path))
                .timeout(TestAdmin.DEADLINE).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        assertThat(DOCUMENTED.problems("POST", pattern(path), 401, json(response))).isEmpty();
        assertRunning();
    }

    @ParameterizedTest(name = "POST {0}")
    @MethodSource("writes")
    void aMalformedJsonBodyOnAWriteIs400AndChangesNothing(String path) throws Exception {
        HttpResponse<String> response = live.post(path, "{\"pipeline\": ");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("message").asText()).contains("POST " + path);
        assertThat(DOCUMENTED.problems("POST", pattern(path), 400, json(response))).isEmpty();
        assertRunning();
    }

    /** Both pipelines run, every plugin is started, and the host is not stopping. */
    private void assertRunning() {
        HostView view = live.host.view();
        assertThat(view.state()).isEqualTo(HostView.State.RUNNING);
        assertThat(view.pipelines().pipelines()).extracting(p -> p.state()).containsOnly("RUNNING");
        assertThat(view.plugins()).extracting(PluginInfo::state).containsOnly(PluginState.STARTED);
    }

    /** The route pattern of a concrete path of this test. */
    static String pattern(String path) {
        return path.replaceFirst("^/pipelines/[^/]+", "/pipelines/{name}").replaceFirst("^/plugins/[^/]+",
                "/plugins/{id}");
    }
}
