package dev.patchbay.host.admin;

import static dev.patchbay.host.admin.HostRoutesFixture.json;
import static dev.patchbay.host.testing.HostHome.await;
import static dev.patchbay.host.testing.HostHome.pipeline;
import static dev.patchbay.host.testing.HostHome.pipelineOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.service.HostView;
import dev.patchbay.host.testing.HostHome;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routes that end something for good: {@code POST /shutdown}, and {@code /ready} after a pipeline failed. */
class HostRoutesLifecycleTest {

    private static final DocumentedJson DOCUMENTED = DocumentedJson.load();

    @Test
    void shutdownIs202AndThenTheHostDrainsAndStops(@TempDir Path dir) throws Exception {
        try (HostRoutesFixture live = new HostRoutesFixture(dir, pipeline("flow", "endless", "", ""))) {
            await("flow reads", () -> pipelineOf(live.host, "flow").stages().get(0).out() > 0);
            AtomicReference<RunSummary> ended = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    ended.set(live.host.awaitShutdown());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-await-shutdown");
            waiter.start();

            HttpResponse<String> response = live.post("/shutdown", "");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(DOCUMENTED.problems("POST", "/shutdown", 202, json(response))).isEmpty();
            waiter.join(HostHome.DEADLINE_NANOS / 1_000_000);
            if (waiter.isAlive()) {
                waiter.interrupt();
                throw new AssertionError("the host did not stop within the deadline after POST /shutdown");
            }
            RunSummary.PipelineSummary flow = ended.get().pipelines().get(0);
            assertThat(flow.state()).isEqualTo("STOPPED");
            assertThat(flow.uncommittedRecords()).as("drained and committed").isZero();
            assertThat(live.host.view().state()).isEqualTo(HostView.State.STOPPED);
            JsonNode ready = json(live.get("/ready"));
            assertThat(ready.path("ready").asBoolean()).isFalse();
            assertThat(ready.path("reasons")).extracting(JsonNode::asText).contains("the host is stopped");
            assertThat(json(live.get("/pipelines")).path("host").asText()).isEqualTo("STOPPED");
        }
    }

    @Test
    void readyIs503WithTheReasonWhenAPipelineFailedBeyondItsRestartPolicy(@TempDir Path dir) throws Exception {
        try (HostRoutesFixture live = new HostRoutesFixture(dir, pipeline("bad", "count",
                "{\"use\": \"breaks/boom\"}", "{\"policy\": \"never\"}") + ", " + pipeline("flow", "endless", "", ""))) {
            await("bad fails", () -> pipelineOf(live.host, "bad").state().equals("FAILED"));

            HttpResponse<String> response = live.get("/ready");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            JsonNode ready = json(response);
            assertThat(DOCUMENTED.problems("GET", "/ready", 503, ready)).isEmpty();
            assertThat(ready.path("ready").asBoolean()).isFalse();
            assertThat(ready.path("reasons")).singleElement().extracting(JsonNode::asText).asString()
                    .startsWith("pipeline 'bad' failed and is not restarted again: ").contains("boom");
            assertThat(live.get("/health").statusCode()).as("alive all the same").isEqualTo(200);
            assertThat(json(live.get("/pipelines/bad")).path("error").asText()).contains("boom");
        }
    }
}
