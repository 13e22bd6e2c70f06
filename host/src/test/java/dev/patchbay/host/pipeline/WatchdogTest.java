package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.host.config.Timeouts;
import dev.patchbay.host.plugin.PluginScope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The watchdog thread over stage threads stuck in plugin code that ignores its interrupt. */
class WatchdogTest {

    private static final long DEADLINE_SECONDS = 10;
    private static final Timeouts FAST = new Timeouts(1, 1, 1);

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> stageThreads = new ArrayList<>();

    @AfterEach
    void releaseTheStuckStages() throws InterruptedException {
        release.countDown();
        for (Thread thread : stageThreads) {
            thread.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        }
    }

    /** A stage whose plugin is stuck in process() until the test ends, swallowing interrupts as bad plugins do. */
    private StageCall stuckStage(String stage, RunControl control) throws InterruptedException {
        CountDownLatch inCall = new CountDownLatch(1);
        StageCall[] holder = new StageCall[1];
        Thread thread = new Thread(() -> {
            try {
                holder[0].call(StageCall.Kind.PROCESS, (a, b) -> {
                    inCall.countDown();
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
                    while (System.nanoTime() < end) {
                        try {
                            if (release.await(end - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                                break;
                            }
                        } catch (InterruptedException ignored) {
                            // The stuck plugin under test: it does not honour the interrupt.
                        }
                    }
                    return null;
                }, null, null);
            } catch (RuntimeException expected) {
                // Fenced by the deadline: its late return is reported as aborted.
            }
        }, "test-stage-" + stage);
        holder[0] = new StageCall(new StageGuard("p", stage, "x/y", new PluginScope("x", getClass().getClassLoader())),
                "1.0", FAST, control, thread);
        stageThreads.add(thread);
        thread.start();
        assertThat(inCall.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
        return holder[0];
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void aTickThatIsNotPositiveIsRejected(long tick) {
        assertThatThrownBy(() -> new Watchdog(tick, TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the watchdog tick must be positive, got " + tick);
    }

    @Test
    void aStuckCallFailsItsPipelineAndIsThenAbandonedOnTheNamedDaemonWatchdogThread() throws Exception {
        RunControl control = new RunControl("p", List.of(), 1);
        StageCall stuck = stuckStage("processors[0]", control);
        CompletableFuture<Thread> abandonedOn = new CompletableFuture<>();

        Watchdog watchdog = new Watchdog(1, TimeUnit.MILLISECONDS);
        watchdog.watch(stuck, call -> {
            if (call == stuck) {
                abandonedOn.complete(Thread.currentThread());
            }
        });
        watchdog.start();

        Thread thread = abandonedOn.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertThat(thread.getName()).isEqualTo("patchbay-watchdog");
        assertThat(thread.isDaemon()).isTrue();
        assertThat(control.failure()).get().asString().contains("did not return from process() within "
                + "timeouts.callMillis 1 ms");
        watchdog.close();
        assertThat(thread.isAlive()).as("closed and joined").isFalse();
    }

    @Test
    void anUnwatchedCallIsNoLongerChecked() throws Exception {
        RunControl unwatchedControl = new RunControl("p", List.of(), 1);
        RunControl watchedControl = new RunControl("p", List.of(), 1);
        StageCall unwatched = stuckStage("processors[0]", unwatchedControl);
        StageCall watched = stuckStage("processors[1]", watchedControl);
        CompletableFuture<StageCall> abandoned = new CompletableFuture<>();

        try (Watchdog watchdog = new Watchdog(1, TimeUnit.MILLISECONDS)) {
            // The unwatched call comes first in every tick: had it been checked, it would have failed by the time
            // the watched one is abandoned, two ticks after its own failure.
            watchdog.watch(unwatched, abandoned::complete);
            watchdog.watch(watched, abandoned::complete);
            watchdog.unwatch(unwatched);
            watchdog.start();

            assertThat(abandoned.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isSameAs(watched);
        }
        assertThat(watchedControl.failure()).isPresent();
        assertThat(unwatchedControl.failure()).isEmpty();
    }

    @Test
    void aWatchThatThrowsDoesNotEndTheWatchOverTheOthers() throws Exception {
        StageCall first = stuckStage("processors[0]", new RunControl("p", List.of(), 1));
        StageCall second = stuckStage("processors[1]", new RunControl("p", List.of(), 1));
        CompletableFuture<StageCall> secondAbandoned = new CompletableFuture<>();
        Consumer<StageCall> broken = call -> {
            throw new IllegalStateException("a bug in the abandon handler");
        };

        try (Watchdog watchdog = new Watchdog(1, TimeUnit.MILLISECONDS)) {
            watchdog.watch(first, broken);
            watchdog.watch(second, secondAbandoned::complete);
            watchdog.start();

            assertThat(secondAbandoned.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isSameAs(second);
        }
    }

    @Test
    void stopCalledOnTheWatchdogThreadEndsIt() throws Exception {
        StageCall stuck = stuckStage("sink", new RunControl("p", List.of(), 1));
        CompletableFuture<Thread> stoppedOn = new CompletableFuture<>();
        Watchdog watchdog = new Watchdog(1, TimeUnit.MILLISECONDS);
        watchdog.watch(stuck, call -> {
            watchdog.stop();
            // close() from its own thread must not wait for itself.
            watchdog.close();
            stoppedOn.complete(Thread.currentThread());
        });
        watchdog.start();

        Thread thread = stoppedOn.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        thread.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void anInterruptWhileClosingIsKeptOnTheClosingThread() throws Exception {
        Watchdog watchdog = new Watchdog(1, TimeUnit.HOURS);
        watchdog.start();

        Thread.currentThread().interrupt();
        watchdog.close();

        assertThat(Thread.interrupted()).isTrue();
        watchdog.close();
    }

    @Test
    void watchRejectsNulls() {
        Watchdog watchdog = new Watchdog(1, TimeUnit.SECONDS);

        assertThatThrownBy(() -> watchdog.watch(null, call -> { })).hasMessage("call");
    }
}
