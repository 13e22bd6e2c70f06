package dev.patchbay.host.service;

import static dev.patchbay.host.testing.HostHome.await;
import static dev.patchbay.host.testing.HostHome.pipeline;
import static dev.patchbay.host.testing.HostHome.pipelineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.NoSuchPipelineException;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.pipeline.PipelineStateException;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.testing.HostHome;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The host object in serve mode, over real plugin jars: its read model and its commands. */
class HostTest {

    @TempDir
    Path dir;

    private HostHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = new HostHome(dir);
    }

    @Test
    void aFinitePipelineCompletesStaysVisibleWithItsFiguresAndCanBeStartedAgainFromItsCheckpoint() throws Exception {
        PatchbayConfig config = home.config("", pipeline("once", "count", "", ""));
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE)) {
            host.start();
            await("it completes", () -> pipelineOf(host, "once").state().equals("COMPLETED"));

            RunSummary.PipelineSummary done = pipelineOf(host, "once");
            assertThat(done.stages().get(0).out()).isEqualTo(500);
            assertThat(done.committedPosition()).isEqualTo("501");
            assertThat(done.checkpointAgeMillis()).isNotNull().isGreaterThanOrEqualTo(0);
            assertThat(host.view().state()).isEqualTo(HostView.State.RUNNING);
            assertThat(host.view().notReady()).isEmpty();

            host.restart("once");
            await("the second run completes", () -> pipelineOf(host, "once").state().equals("COMPLETED"));
            assertThat(pipelineOf(host, "once").stages().get(0).out()).as("resumed at its end").isZero();

            host.shutdown("the test is done");
            RunSummary summary = host.finish(host.awaitShutdown());
            assertThat(summary.pipelines()).extracting(RunSummary.PipelineSummary::state).containsExactly("COMPLETED");
            assertThat(host.view().state()).isEqualTo(HostView.State.STOPPED);
        }
    }

    @Test
    void pauseStopsReadingResumeReadsOnAndShutdownDrainsAContinuousPipeline() throws Exception {
        PatchbayConfig config = home.config("", pipeline("flow", "endless", "", ""));
        Logger runtimeLog = (Logger) LoggerFactory.getLogger(PipelineRuntime.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level level = runtimeLog.getLevel();
        runtimeLog.setLevel(Level.INFO);
        runtimeLog.addAppender(lines);
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE)) {
            host.start();
            await("it reads", () -> pipelineOf(host, "flow").stages().get(0).out() > 100);

            host.pause("flow");
            assertThat(lines.list).filteredOn(e -> e.getFormattedMessage().startsWith("pipeline 'flow': paused"))
                    .singleElement().satisfies(e -> assertThat(e.getMDCPropertyMap()).as("logged on the caller's "
                            + "thread, with the pipeline's key").containsEntry("pipeline", "flow"));
            assertThat(org.slf4j.MDC.get("pipeline")).as("the caller's MDC is left as it was").isNull();
            await("it is paused and drained", () -> pipelineOf(host, "flow").state().equals("PAUSED")
                    && pipelineOf(host, "flow").uncommittedRecords() == 0);
            long read = pipelineOf(host, "flow").stages().get(0).out();
            assertThat(pipelineOf(host, "flow").stages().get(1).out()).as("everything read was written").isEqualTo(read);
            assertThatThrownBy(() -> host.pause("flow")).isInstanceOf(PipelineStateException.class);

            host.resume("flow");
            await("it reads on", () -> pipelineOf(host, "flow").stages().get(0).out() > read);
            assertThatThrownBy(() -> host.resume("flow")).isInstanceOf(PipelineStateException.class)
                    .hasMessageContaining("is not paused");
            assertThatThrownBy(() -> host.pause("flwo")).isInstanceOf(NoSuchPipelineException.class)
                    .hasMessageContaining("did you mean 'flow'");

            host.shutdown("the test is done");
            RunSummary summary = host.finish(host.awaitShutdown());
            RunSummary.PipelineSummary flow = summary.pipelines().get(0);
            assertThat(flow.state()).isEqualTo("STOPPED");
            assertThat(flow.uncommittedRecords()).as("nothing left uncommitted").isZero();
            assertThat(flow.stages().get(1).out()).isEqualTo(flow.stages().get(0).out());
        } finally {
            runtimeLog.detachAppender(lines);
            runtimeLog.setLevel(level);
        }
    }

    @Test
    void disablingAPluginStopsThePipelinesThatUseItSayingWhyAndEnablingItStartsThemAgain() throws Exception {
        PatchbayConfig config = home.config("", pipeline("flow", "endless", "", "") + ", "
                + "\"other\": {\"source\": {\"use\": \"basics/endless\"}, \"sink\": {\"use\": \"spare/sink\"}}");
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE)) {
            host.start();
            await("both read", () -> pipelineOf(host, "flow").stages().get(0).out() > 0
                    && pipelineOf(host, "other").stages().get(0).out() > 0);

            String disabled = host.disablePlugin("spare");

            assertThat(disabled).isEqualTo("plugin 'spare' is disabled; stopping pipelines [other]");
            assertThat(home.persisted).containsExactly("disable spare");
            await("other stopped", () -> pipelineOf(host, "other").state().equals("STOPPED"));
            assertThat(pipelineOf(host, "other").stopReason()).isEqualTo("plugin 'spare' was disabled");
            assertThat(pipelineOf(host, "flow").state()).as("a bystander runs on").isEqualTo("RUNNING");
            assertThat(host.view().plugin("spare").map(PluginInfo::state)).contains(PluginState.DISABLED);
            assertThatThrownBy(() -> host.restart("other")).isInstanceOf(HostStateException.class)
                    .hasMessage("pipeline 'other' needs plugin 'spare', which is disabled; enable it first");
            assertThatThrownBy(() -> host.disablePlugin("spare")).isInstanceOf(HostStateException.class);

            assertThat(host.enablePlugin("spare")).isEqualTo("plugin 'spare' is enabled; starting pipelines [other]");
            assertThat(home.persisted).containsExactly("disable spare", "enable spare");
            await("other runs again", () -> pipelineOf(host, "other").state().equals("RUNNING"));
            assertThat(host.view().plugin("spare").map(PluginInfo::state)).contains(PluginState.STARTED);
            assertThatThrownBy(() -> host.enablePlugin("spare")).isInstanceOf(HostStateException.class);
            assertThatThrownBy(() -> host.enablePlugin("spars")).isInstanceOf(NoSuchPluginException.class)
                    .hasMessageContaining("did you mean 'spare'");

            host.shutdown("the test is done");
            host.finish(host.awaitShutdown());
        }
    }

    @Test
    void aPluginTheHostDidNotLoadIsEnabledInTheConfigurationForTheNextStartAndSaysSo() throws Exception {
        PatchbayConfig config = home.config("\"disabled\": [\"breaks\"]", pipeline("once", "count", "", ""));
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE)) {
            host.start();

            assertThat(host.enablePlugin("breaks")).isEqualTo("plugin 'breaks' is enabled in the configuration; this "
                    + "host did not load it at start, so restart the host to load it");
            assertThat(home.persisted).containsExactly("enable breaks");
            assertThat(host.view().plugin("breaks").map(PluginInfo::state)).contains(PluginState.DISABLED);

            host.shutdown("the test is done");
            host.finish(host.awaitShutdown());
        }
    }

    @Test
    void oneVersionIsDisabledAndEnabledInTheConfigurationWhileThePipelineRunsOn() throws Exception {
        PatchbayConfig config = home.config("", pipeline("flow", "endless", "", "") + ", "
                + "\"other\": {\"source\": {\"use\": \"basics/endless\"}, \"sink\": {\"use\": \"spare/sink\"}}");
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE)) {
            host.start();
            String version = host.view().plugin("spare").orElseThrow().version();

            assertThat(host.disablePlugin("spare@" + version)).isEqualTo("plugin 'spare' " + version + " is disabled"
                    + " in the configuration; this host keeps the versions it loaded at start until it restarts");
            assertThatThrownBy(() -> host.disablePlugin("spare@" + version)).isInstanceOf(HostStateException.class)
                    .hasMessage("plugin 'spare' " + version + " is already disabled");
            assertThat(pipelineOf(host, "other").stopReason()).as("nothing stops it").isNull();
            assertThat(host.enablePlugin("spare@" + version)).startsWith("plugin 'spare' " + version + " is enabled");
            assertThat(home.persisted).containsExactly("disable spare@" + version, "enable spare@" + version);
            assertThatThrownBy(() -> host.disablePlugin("spare@9.9.9")).isInstanceOf(NoSuchPluginException.class)
                    .hasMessageContaining("spare@" + version);

            host.shutdown("the test is done");
            host.finish(host.awaitShutdown());
        }
    }

    @Test
    void aPipelineFailedBeyondItsRestartPolicyMakesTheHostNotReady() throws Exception {
        PatchbayConfig config = home.config("", pipeline("bad", "count", "{\"use\": \"breaks/boom\"}",
                "{\"policy\": \"never\"}"));
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE)) {
            host.start();
            await("it fails", () -> pipelineOf(host, "bad").state().equals("FAILED"));

            assertThat(host.view().notReady()).singleElement().asString()
                    .startsWith("pipeline 'bad' failed and is not restarted again: ").contains("boom");

            host.shutdown("the test is done");
            host.finish(host.awaitShutdown());
        }
    }

    @Test
    void aPipelineThatFailsAndRestartsIsNeverSeenFailedSoReadinessDoesNotFlap() throws Exception {
        PatchbayConfig config = home.config("", pipeline("flaky", "count", "{\"use\": \"breaks/boom\"}",
                "{\"policy\": \"on-failure\", \"maxRestarts\": 1000000, \"initialBackoffMillis\": 1, "
                        + "\"maxBackoffMillis\": 1}"));
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE)) {
            host.start();
            int failedSeen = 0;
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (pipelineOf(host, "flaky").state().equals("FAILED") || !host.view().notReady().isEmpty()) {
                    failedSeen++;
                }
            }

            assertThat(pipelineOf(host, "flaky").restarts()).as("it did fail and restart").isGreaterThan(20);
            assertThat(failedSeen).as("views showing it failed while it had restarts left").isZero();
            host.shutdown("the test is done");
            host.finish(host.awaitShutdown());
        }
    }

    @Test
    void aSecondHostOnTheSameHomeIsRefusedAndAFailedOpenReleasesTheLock() throws Exception {
        PatchbayConfig config = home.config("", pipeline("flow", "endless", "", ""));
        try (Host host = home.open(config, PipelineRuntime.Mode.SERVE)) {
            assertThatThrownBy(() -> home.open(config, PipelineRuntime.Mode.SERVE)).isInstanceOf(HostException.class)
                    .hasMessageContaining("patchbay test");
            assertThat(host.view().state()).isEqualTo(HostView.State.RUNNING);
        }
        PatchbayConfig broken = home.config("", pipeline("flow", "nosuch", "", ""));
        assertThatThrownBy(() -> home.open(broken, PipelineRuntime.Mode.SERVE)).isInstanceOf(HostException.class)
                .hasMessageContaining("1 error, no pipeline was started")
                .satisfies(e -> assertThat(((HostException) e).details()).singleElement().asString()
                        .contains("plugin 'basics' has no source named 'nosuch'"));
        try (Host again = home.open(config, PipelineRuntime.Mode.SERVE)) {
            assertThat(again.view().pipelines().pipelines()).hasSize(1);
        }
    }
}
