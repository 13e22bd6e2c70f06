package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class PauseGateTest {

    private final PauseGate gate = new PauseGate();

    @Test
    void pauseAndResumeSayWhetherTheyChangedAnything() {
        assertThat(gate.resume()).isFalse();
        assertThat(gate.pause()).isTrue();
        assertThat(gate.pause()).isFalse();
        assertThat(gate.paused()).isTrue();
        assertThat(gate.resume()).isTrue();
        assertThat(gate.paused()).isFalse();
    }

    @Test
    void anOpenGateDoesNotWait() throws InterruptedException {
        assertThat(gate.awaitOpen(() -> false)).isFalse();
    }

    @Test
    void aWaitingSourceIsWokenByResume() throws Exception {
        gate.pause();
        CompletableFuture<Boolean> waited = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                waited.complete(gate.awaitOpen(() -> false));
            } catch (InterruptedException e) {
                waited.completeExceptionally(e);
            }
        }, "pause-gate-test");
        waiter.start();
        awaitParked(waiter);

        gate.resume();

        assertThat(waited.get(10, TimeUnit.SECONDS)).isTrue();
        waiter.join(10_000);
    }

    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("waiting for %s to park", thread.getName()).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void aWaitingSourceLeavesWhenTheStopConditionHoldsAndItIsWoken() throws Exception {
        gate.pause();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] waiter = new Thread[1];
        CompletableFuture<Boolean> waited = new CompletableFuture<>();
        waiter[0] = new Thread(() -> {
            try {
                waited.complete(gate.awaitOpen(stop::get));
            } catch (InterruptedException e) {
                waited.completeExceptionally(e);
            }
        }, "pause-gate-test");
        waiter[0].start();
        awaitParked(waiter[0]);

        stop.set(true);
        LockSupport.unpark(waiter[0]);

        assertThat(waited.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.paused()).as("a stop does not resume").isTrue();
        waiter[0].join(10_000);
    }

    @Test
    void anInterruptWhileWaitingIsThrownNotSwallowed() throws Exception {
        gate.pause();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                gate.awaitOpen(() -> false);
                thrown.complete(null);
            } catch (InterruptedException e) {
                thrown.complete(e);
            }
        }, "pause-gate-test");
        waiter.start();
        awaitParked(waiter);

        waiter.interrupt();

        assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class)
                .hasMessage("pipeline source interrupted while paused");
        waiter.join(10_000);
    }
}
