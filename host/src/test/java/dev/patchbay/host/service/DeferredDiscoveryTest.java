package dev.patchbay.host.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.patchbay.host.pipeline.CallObserver;
import dev.patchbay.host.plugin.PluginChanges;
import dev.patchbay.host.plugin.StartableCatalog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The discovery of the plugins no pipeline uses runs on its own thread, after the first writes, and can be cancelled. */
class DeferredDiscoveryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final StartableCatalog catalog = mock(StartableCatalog.class);
    private final AtomicBoolean actionRan = new AtomicBoolean();

    private static void sinkWrote(FirstWrites writes, String pipeline) {
        writes.observe(new CallObserver.Site(pipeline, "sink", "files", "write"), 1);
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("the discovery thread waits for the first writes").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void itDiscoversOnItsOwnThreadAfterEveryPipelineWroteAndThenRunsTheAction() throws InterruptedException {
        AtomicReference<String> discoveredOn = new AtomicReference<>();
        when(catalog.discoverDeferred()).thenAnswer(call -> {
            discoveredOn.set(Thread.currentThread().getName());
            assertThat(actionRan).as("the action runs after the discovery").isFalse();
            return PluginChanges.NONE;
        });
        FirstWrites writes = new FirstWrites(List.of("orders"), CallObserver.NOOP);
        DeferredDiscovery discovery = new DeferredDiscovery(catalog, writes, () -> actionRan.set(true));

        discovery.start();
        awaitWaiting(discovery.thread());
        verify(catalog, never()).discoverDeferred();
        sinkWrote(writes, "orders");

        assertThat(discovery.await(DEADLINE)).isTrue();
        assertThat(discoveredOn.get()).isEqualTo("patchbay-deferred-discovery");
        assertThat(actionRan).isTrue();
    }

    @Test
    void aCancelBeforeTheDiscoveryBeganEndsTheThreadWithoutDiscoveringOrRunningTheAction()
            throws InterruptedException {
        FirstWrites writes = new FirstWrites(List.of("never-writes"), CallObserver.NOOP);
        DeferredDiscovery discovery = new DeferredDiscovery(catalog, writes, () -> actionRan.set(true));

        discovery.start();
        awaitWaiting(discovery.thread());
        discovery.cancel();

        assertThat(discovery.await(DEADLINE)).as("the cancel ends the wait for the first writes at once").isTrue();
        verify(catalog, never()).discoverDeferred();
        assertThat(actionRan).isFalse();
    }

    @Test
    void aCancelDuringTheDiscoveryLetsItFinishUninterrupted() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        when(catalog.discoverDeferred()).thenAnswer(call -> {
            entered.countDown();
            release.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            interrupted.set(Thread.currentThread().isInterrupted());
            return PluginChanges.NONE;
        });
        DeferredDiscovery discovery = new DeferredDiscovery(catalog, new FirstWrites(List.of(), CallObserver.NOOP),
                () -> actionRan.set(true));

        discovery.start();
        assertThat(entered.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        discovery.cancel();
        assertThat(discovery.await(Duration.ofMillis(50))).as("still discovering").isFalse();
        release.countDown();

        assertThat(discovery.await(DEADLINE)).isTrue();
        assertThat(interrupted).as("a discovery under way is not interrupted").isFalse();
        assertThat(actionRan).isTrue();
    }

    @Test
    void aFailedDiscoveryIsLoggedAndTheActionStillRuns() throws InterruptedException {
        when(catalog.discoverDeferred()).thenThrow(new IllegalStateException("the plugins folder went away"));
        DeferredDiscovery discovery = new DeferredDiscovery(catalog, new FirstWrites(List.of(), CallObserver.NOOP),
                () -> actionRan.set(true));

        discovery.start();

        assertThat(discovery.await(DEADLINE)).isTrue();
        assertThat(actionRan).isTrue();
    }

    @Test
    void awaitingADiscoveryThatNeverStartedReturnsAtOnce() throws InterruptedException {
        DeferredDiscovery discovery = new DeferredDiscovery(catalog, new FirstWrites(List.of(), CallObserver.NOOP),
                () -> actionRan.set(true));

        assertThat(discovery.await(Duration.ZERO)).isTrue();
        verify(catalog, never()).discoverDeferred();
    }
}
