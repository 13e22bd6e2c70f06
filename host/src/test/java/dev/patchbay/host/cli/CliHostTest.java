package dev.patchbay.host.cli;

import static dev.patchbay.host.testing.HostHome.await;
import static dev.patchbay.host.testing.HostHome.pipeline;
import static dev.patchbay.host.testing.HostHome.pipelineOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.admin.AdminApi;
import dev.patchbay.host.admin.AdminServer;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.service.Host;
import dev.patchbay.host.service.HostView;
import dev.patchbay.host.testing.HostHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status}, {@code pipelines ...} and {@code shutdown} through {@link Main} against a real host and its admin
 * API started in the test, found the way the CLI finds any host: through the configuration's {@code admin} section,
 * {@code state/admin.port} and the token file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliHostTest {

    static final String ADMIN = "\"admin\": {\"host\": \"127.0.0.1\", \"port\": 0, \"tokenFile\": \"state/admin.token\"}";

    private HostHome home;
    private Host host;
    private AdminServer admin;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        home = new HostHome(dir);
        PatchbayConfig config = home.config("", pipeline("flow", "endless", "", ""), ADMIN);
        host = home.open(config, PipelineRuntime.Mode.SERVE);
        host.start();
        admin = AdminApi.start(host, List.of());
        await("flow reads", () -> pipelineOf(host, "flow").stages().get(0).out() > 0);
    }

    @AfterAll
    void stop() throws Exception {
        try (Host closing = host) {
            try {
                closing.shutdown("the test is done");
                closing.finish(closing.awaitShutdown());
            } finally {
                admin.close();
            }
        }
    }

    @Test
    void statusPrintsThePipelinesAndPluginsOfTheRunningHost() {
        CliRun run = CliRun.in(home.home, "status");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("host RUNNING\n").containsPattern("(?m)^PIPELINE +STATE")
                .containsPattern("(?m)^flow +RUNNING +\\d+ +\\d+").containsPattern("(?m)^PLUGIN +VERSION")
                .containsPattern("(?m)^basics +1\\.0\\.0 +STARTED +-$")
                .containsPattern("(?m)^spare +1\\.0\\.0 +STARTED +-$");
    }

    @Test
    void statusJsonCarriesTheHostsDocuments() throws Exception {
        CliRun run = CliRun.in(home.home, "status", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().path("host").asText()).isEqualTo("RUNNING");
        assertThat(run.json().path("pipelines").path(0).path("name").asText()).isEqualTo("flow");
        assertThat(run.json().path("plugins")).hasSize(3);
    }

    @Test
    void pauseThenResumeChangeTheStateAndPauseTwiceExits1WithTheHostsMessage() throws Exception {
        CliRun paused = CliRun.in(home.home, "pipelines", "pause", "flow");
        assertThat(paused.exit()).as(paused.err()).isZero();
        assertThat(paused.out()).startsWith("pipeline 'flow': pause requested; it is now ");
        await("flow is paused", () -> pipelineOf(host, "flow").state().equals("PAUSED"));

        CliRun again = CliRun.in(home.home, "pipelines", "pause", "flow");
        assertThat(again.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(again.err()).isEqualTo("patchbay pipelines pause: pipeline 'flow' is already paused; resume it "
                + "to read on\n");
        assertThat(CliRun.in(home.home, "status").out()).containsPattern("(?m)^flow +PAUSED ");

        CliRun resumed = CliRun.in(home.home, "pipelines", "resume", "flow");
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        await("flow runs", () -> pipelineOf(host, "flow").state().equals("RUNNING"));
        CliRun notPaused = CliRun.in(home.home, "pipelines", "resume", "flow");
        assertThat(notPaused.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(notPaused.err()).contains("is not paused");
    }

    @Test
    void anUnknownPipelineExits2WithTheCloseMatch() {
        CliRun run = CliRun.in(home.home, "pipelines", "pause", "flwo");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("patchbay pipelines pause: no pipeline ").contains("'flwo'")
                .contains("did you mean 'flow'");
        assertThat(pipelineOf(host, "flow").state()).isEqualTo("RUNNING");
    }

    @Test
    void shutdownStopsTheHostAndThenStatusExits3(@TempDir Path dir) throws Exception {
        HostHome other = new HostHome(dir);
        Host stopping = other.open(other.config("", pipeline("flow", "endless", "", ""), ADMIN),
                PipelineRuntime.Mode.SERVE);
        AtomicReference<RunSummary> ended = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                ended.set(stopping.finish(stopping.awaitShutdown()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-await-shutdown");
        try (stopping) {
            stopping.start();
            try (AdminServer server = AdminApi.start(stopping, List.of())) {
                assertThat(Files.readString(other.home.resolve("state/admin.port"))).isEqualTo(server.port() + "\n");
                waiter.start();
                CliRun run = CliRun.in(other.home, "shutdown");

                assertThat(run.exit()).as(run.err()).isZero();
                assertThat(run.out()).isEqualTo("shutting down: every pipeline drains and commits, then the host "
                        + "exits\n");
                waiter.join(HostHome.DEADLINE_NANOS / 1_000_000);
                assertThat(waiter.isAlive()).as("the host stopped within the deadline").isFalse();
                assertThat(stopping.view().state()).isEqualTo(HostView.State.STOPPED);
                assertThat(ended.get().pipelines().get(0).uncommittedRecords()).isZero();
            }
        } finally {
            waiter.interrupt();
        }
        assertThat(Files.exists(other.home.resolve("state/admin.port"))).as("the port file is gone").isFalse();
        CliRun after = CliRun.in(other.home, "status");
        assertThat(after.exit()).isEqualTo(ExitCodes.NO_HOST);
        assertThat(after.err()).startsWith("no Patchbay host is running on " + other.home);
    }
}
