package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.host.config.Timeouts;
import dev.patchbay.host.plugin.PluginScope;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seam tells its {@link CallObserver} of each poll, process, write and flush call, and of nothing else. */
class StageCallObserverTest {

    private record Observation(CallObserver.Site site, long nanos) {
    }

    private final List<Observation> observed = new ArrayList<>();
    private final StageCall call = new StageCall(
            new StageGuard("orders", "processors[0]", "upper/upper",
                    new PluginScope("upper", new URLClassLoader(new URL[0], null))),
            "1.2.3", Timeouts.DEFAULT, new RunControl("orders", List.of(), 1), Thread.currentThread(),
            (site, nanos) -> observed.add(new Observation(site, nanos)));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @ParameterizedTest
    @EnumSource(StageCall.Kind.class)
    void onlyTheCallsPerChunkOrBatchAreObservedNamingTheirStageAndCall(StageCall.Kind kind) {
        call.call(kind, (a, b) -> null, null, null);

        boolean perChunk = kind == StageCall.Kind.POLL || kind == StageCall.Kind.PROCESS
                || kind == StageCall.Kind.WRITE || kind == StageCall.Kind.FLUSH;
        if (perChunk) {
            assertThat(observed).extracting(Observation::site).containsExactly(new CallObserver.Site("orders",
                    "processors[0]", "upper", kind.name().toLowerCase(java.util.Locale.ROOT)));
            assertThat(observed.get(0).nanos()).isNotNegative();
        } else {
            assertThat(observed).isEmpty();
        }
    }

    @Test
    void everyCallOfAStageAndKindReportsTheSameSite() {
        for (int i = 0; i < 3; i++) {
            call.call(StageCall.Kind.PROCESS, (a, b) -> null, null, null);
        }

        assertThat(observed).hasSize(3);
        assertThat(observed.get(1).site()).isSameAs(observed.get(0).site()).isSameAs(observed.get(2).site());
    }

    @Test
    void aCallIsTimedAndTheTimeItWaitedInHostCodeIsLeftOut() {
        long spin = TimeUnit.MILLISECONDS.toNanos(30);
        long wait = TimeUnit.MILLISECONDS.toNanos(400);

        call.call(StageCall.Kind.POLL, (a, b) -> {
            long paused = call.pause();
            // Stands for the source's emit waiting for room in a full queue: the time to leave out.
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(wait));
            call.resume(paused);
            long until = System.nanoTime() + spin;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return null;
        }, null, null);

        assertThat(observed).hasSize(1);
        assertThat(observed.get(0).nanos()).isBetween(spin, wait);
    }

    @Test
    void aCallThatThrowsIsObservedToo() {
        assertThatThrownBy(() -> call.call(StageCall.Kind.WRITE, (a, b) -> {
            throw new java.io.IOException("disk full");
        }, null, null)).isInstanceOf(StageFailure.class);

        assertThat(observed).extracting(o -> o.site().call()).containsExactly("write");
    }
}
