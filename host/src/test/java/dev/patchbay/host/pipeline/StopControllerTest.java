package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signals drive the stop of a run; once the run has ended and its exit code is decided, no signal changes
 * anything. Driven directly, in the order that was a race with real signals.
 */
class StopControllerTest {

    @TempDir
    Path home;

    private final StringWriter err = new StringWriter();
    private PipelineRuntime runtime;

    private StopController controller() {
        runtime = new PipelineRuntime(List.of(), new TestCatalog(), new CheckpointStore(home.resolve("state")), home,
                (p, s) -> System.getLogger(p));
        return new StopController(runtime, Duration.ofSeconds(30), new PrintWriter(err, true));
    }

    @AfterEach
    void closeRuntime() throws InterruptedException {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void theFirstSignalStopsGracefullyAndTheSecondForces() throws InterruptedException {
        StopController stop = controller();

        stop.onSignal("SIGTERM");
        assertThat(runtime.summary().stopRequested()).isTrue();
        assertThat(runtime.summary().forced()).isEmpty();
        stop.onSignal("SIGINT");

        assertThat(runtime.summary().forced()).contains("a second signal (SIGINT)");
        stop.close();
    }

    @ParameterizedTest(name = "{0} signals before the end")
    @ValueSource(ints = {0, 1})
    void aSignalAfterTheRunEndedChangesNothingAndSaysSo(int before) throws InterruptedException {
        StopController stop = controller();
        for (int i = 0; i < before; i++) {
            stop.onSignal("SIGTERM");
        }

        stop.ended(0);
        stop.onSignal("SIGINT");
        stop.onSignal("SIGINT");

        assertThat(runtime.summary().forced()).as("no forced stop after the end").isEmpty();
        assertThat(runtime.summary().stopRequested()).isEqualTo(before > 0);
        assertThat(err.toString()).doesNotContain("forcing the exit").contains("patchbay: received SIGINT after the "
                + "run ended; it exits with code 0 as reported");
        assertThat(err.toString().lines().filter(l -> l.contains("after the run ended"))).as("said once").hasSize(1);
        stop.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("patchbay-stop-grace"));
    }

    @Test
    void aFatalErrorAfterTheEndStartsNoGracePeriod() throws InterruptedException {
        StopController stop = controller();

        stop.ended(3);
        stop.onFatal("pipeline 'p' hit a fatal JVM error");

        assertThat(runtime.summary().stopRequested()).isFalse();
        assertThat(err.toString()).doesNotContain("stopping gracefully");
        stop.close();
    }
}
