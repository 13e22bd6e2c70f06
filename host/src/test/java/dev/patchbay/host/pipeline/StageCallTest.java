package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.host.config.Timeouts;
import dev.patchbay.host.plugin.MdcSlot;
import dev.patchbay.host.plugin.PluginScope;
import java.io.InterruptedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.ClosedByInterruptException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;

/**
 * The call seam on the test's own thread: the watchdog side is driven by calling {@code check(nowNanos)} with
 * explicit times from inside the plugin body, so no test depends on a clock or another thread.
 */
class StageCallTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long T0 = 1_000_000_000_000L;
    // Distinct deadlines so that a call checked against the wrong one is caught.
    private static final Timeouts TIMEOUTS = new Timeouts(100, 200, 300);

    private final ClassLoader pluginLoader = new URLClassLoader(new URL[0], null);
    private final RunControl control = new RunControl("orders", List.of(), 1);
    private final StageCall call = new StageCall(
            new StageGuard("orders", "processors[0]", "upper/upper", new PluginScope("upper", pluginLoader)), "1.2.3",
            TIMEOUTS, control, Thread.currentThread());

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private <R> R run(StageCall.Kind kind, StageCall.Body<Object, Object, R> body) {
        return call.call(kind, body, null, null);
    }

    @Test
    void aCallRunsThePluginInItsScopeAndReturnsItsResultRestoringTheThread() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        MDC.remove(PluginScope.MDC_PLUGIN);
        MDC.remove(StageGuard.MDC_STAGE);
        AtomicReference<String> seen = new AtomicReference<>();

        String result = call.call(StageCall.Kind.PROCESS, (a, b) -> {
            seen.set(Thread.currentThread().getContextClassLoader() == pluginLoader
                    ? MDC.get(PluginScope.MDC_PLUGIN) + " " + MDC.get(StageGuard.MDC_STAGE) + " " + call.inCall()
                    : "wrong loader");
            return a + b;
        }, "x", "y");

        assertThat(result).isEqualTo("xy");
        assertThat(seen.get()).isEqualTo("upper orders/processors[0] true");
        assertThat(call.inCall()).isFalse();
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
        // Left present but vacant rather than removed, so that logback allocates nothing on the next call.
        assertThat(MDC.get(PluginScope.MDC_PLUGIN)).isEqualTo(MdcSlot.VACANT);
        assertThat(MDC.get(StageGuard.MDC_STAGE)).isEqualTo(MdcSlot.VACANT);
    }

    @Test
    void theAccessorsReturnWhatItWasMadeWith() {
        assertThat(call.thread()).isSameAs(Thread.currentThread());
        assertThat(call.pluginVersion()).isEqualTo("1.2.3");
        assertThat(call.guard().stageId()).isEqualTo("orders/processors[0]");
    }

    static Stream<Arguments> thrown() {
        return Stream.of(
                Arguments.of(StageCall.Kind.PROCESS, (Supplier<Throwable>) () -> new IllegalStateException("bug"),
                        "failed in process(): java.lang.IllegalStateException: bug"),
                Arguments.of(StageCall.Kind.CREATE, (Supplier<Throwable>) () -> new IllegalStateException("bug"),
                        "could not be created: java.lang.IllegalStateException: bug"),
                Arguments.of(StageCall.Kind.SETTINGS, (Supplier<Throwable>) () -> new IllegalStateException("bug"),
                        "failed in settings(): java.lang.IllegalStateException: bug"),
                Arguments.of(StageCall.Kind.WRITE, (Supplier<Throwable>) () -> new StackOverflowError("deep"),
                        "failed in write(): java.lang.StackOverflowError: deep"),
                Arguments.of(StageCall.Kind.POLL, (Supplier<Throwable>) () -> new InterruptedException("i"),
                        "was interrupted in poll() although the host did not interrupt it"),
                Arguments.of(StageCall.Kind.FLUSH, (Supplier<Throwable>) () -> new InterruptedIOException("i"),
                        "was interrupted in flush() although the host did not interrupt it"),
                Arguments.of(StageCall.Kind.CLOSE, (Supplier<Throwable>) ClosedByInterruptException::new,
                        "was interrupted in close() although the host did not interrupt it"),
                Arguments.of(StageCall.Kind.POSITION, (Supplier<Throwable>) () -> {
                    Thread.currentThread().interrupt();
                    return new IllegalStateException("woken");
                }, "was interrupted in position() although the host did not interrupt it"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("thrown")
    void aThrowFailsTheStageNamingPipelineStagePluginVersionAndCall(StageCall.Kind kind, Supplier<Throwable> throwable,
            String what) {
        AtomicReference<Throwable> threw = new AtomicReference<>();

        assertThatThrownBy(() -> run(kind, (a, b) -> {
            threw.set(throwable.get());
            throw sneaky(threw.get());
        }))
                .isInstanceOfSatisfying(StageFailure.class, f -> {
                    assertThat(f.fatal()).isFalse();
                    assertThat(f.pluginId()).isEqualTo("upper");
                    assertThat(f.stage()).isEqualTo("processors[0]");
                })
                .hasMessageStartingWith("pipeline 'orders' stopped: stage processors[0] (upper/upper, plugin 'upper' "
                        + "1.2.3) " + what)
                .hasCause(threw.get());
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag cleared").isFalse();
        assertThat(call.inCall()).isFalse();
    }

    static Stream<Arguments> fixes() {
        return Stream.of(
                Arguments.of(StageCall.Kind.WRITE, new java.io.IOException("cannot write 'out.jsonl': No space left"),
                        "fix what the message names and run again: the pipeline resumes from its checkpoint; a failure"
                                + " that passes (a network or disk error) is retried with \"restart\": {\"policy\": "
                                + "\"on-failure\"}"),
                Arguments.of(StageCall.Kind.POLL, new java.io.UncheckedIOException(new java.io.IOException("x")),
                        "report it to the plugin's provider with the stack trace from the log, or stop using the plugin"
                                + " until it is fixed; a failure that passes (a network or disk error) is retried with "
                                + "\"restart\": {\"policy\": \"on-failure\"}"),
                Arguments.of(StageCall.Kind.PROCESS, new java.io.IOException("x"),
                        "report it to the plugin's provider with the stack trace from the log, or stop using the plugin"
                                + " until it is fixed"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("fixes")
    void anInputOrOutputErrorOfAnInputOrOutputCallIsNotBlamedOnThePluginsCode(StageCall.Kind kind, Throwable thrown,
            String fix) {
        assertThatThrownBy(() -> run(kind, (a, b) -> {
            throw sneaky(thrown);
        })).hasMessageEndingWith(fix);
    }

    @Test
    void aFatalJvmErrorMakesAFatalFailure() {
        OutOfMemoryError oom = new OutOfMemoryError("simulated");

        assertThatThrownBy(() -> run(StageCall.Kind.PROCESS, (a, b) -> {
            throw oom;
        }))
                .isInstanceOfSatisfying(StageFailure.class, f -> assertThat(f.fatal()).isTrue())
                .hasMessageContaining("(upper/upper, plugin 'upper' 1.2.3) hit a fatal JVM error in process()")
                .hasMessageContaining("exits with code 3")
                .hasCause(oom);
    }

    @Test
    void aStageFailureRaisedByHostCodeInsideTheCallPassesUnchanged() {
        StageFailure budget = call.failure("rejected too many", null);

        assertThatThrownBy(() -> run(StageCall.Kind.PROCESS, (a, b) -> {
            throw budget;
        })).isSameAs(budget);
    }

    @Test
    void anAbortedQueueWithoutAnAbortIsAnInterruptTheHostDidNotSend() {
        RecordQueue.AbortedException aborted = new RecordQueue.AbortedException();

        assertThatThrownBy(() -> run(StageCall.Kind.POLL, (a, b) -> {
            Thread.currentThread().interrupt();
            throw aborted;
        }))
                .isInstanceOf(StageFailure.class)
                .hasMessageContaining("(upper/upper, plugin 'upper' 1.2.3) was interrupted in poll() although the "
                        + "host did not interrupt it")
                .hasCause(aborted);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aThrowWhileThePipelineAbortsIsABystanderAndClearsTheHostsInterrupt() {
        control.abort();

        assertThatThrownBy(() -> run(StageCall.Kind.WRITE, (a, b) -> {
            Thread.currentThread().interrupt();
            throw new InterruptedException("woken by the abort");
        })).isExactlyInstanceOf(RecordQueue.AbortedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aReturnWithTheInterruptFlagSetFailsTheStageAndClearsTheFlag() {
        assertThatThrownBy(() -> run(StageCall.Kind.PROCESS, (a, b) -> {
            Thread.currentThread().interrupt();
            return "late";
        }))
                .isInstanceOf(StageFailure.class)
                .hasMessageContaining("(upper/upper, plugin 'upper' 1.2.3) process() returned with its thread's "
                        + "interrupt flag set, but the host did not interrupt it")
                .hasNoCause();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aReturnWithTheInterruptFlagSetWhileAbortingIsABystander() {
        control.abort();

        assertThatThrownBy(() -> run(StageCall.Kind.PROCESS, (a, b) -> {
            Thread.currentThread().interrupt();
            return "late";
        })).isExactlyInstanceOf(RecordQueue.AbortedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aReturnWhileAbortingWithoutAnInterruptReturnsTheResult() {
        control.abort();

        String result = run(StageCall.Kind.FLUSH, (a, b) -> "done");

        assertThat(result).isEqualTo("done");
    }

    // ---------------------------------------------------------------- watchdog side

    static Stream<Arguments> deadlines() {
        return Stream.of(
                Arguments.of(StageCall.Kind.SETTINGS, 200L, "createMillis"),
                Arguments.of(StageCall.Kind.CREATE, 200L, "createMillis"),
                Arguments.of(StageCall.Kind.POLL, 100L, "callMillis"),
                Arguments.of(StageCall.Kind.POSITION, 100L, "callMillis"),
                Arguments.of(StageCall.Kind.PROCESS, 100L, "callMillis"),
                Arguments.of(StageCall.Kind.WRITE, 100L, "callMillis"),
                Arguments.of(StageCall.Kind.FLUSH, 100L, "callMillis"),
                Arguments.of(StageCall.Kind.CLOSE, 300L, "closeMillis"));
    }

    @ParameterizedTest(name = "{0} has timeouts.{2} {1} ms")
    @MethodSource("deadlines")
    void aCallSeenPastItsDeadlineFailsThePipelineFencesTheStageAndInterruptsItsThread(StageCall.Kind kind,
            long deadlineMillis, String key) {
        AtomicReference<String> atDeadline = new AtomicReference<>();

        assertThatThrownBy(() -> run(kind, (a, b) -> {
            call.check(T0);
            call.check(T0 + deadlineMillis * MS);
            atDeadline.set(control.failure().isPresent() + " " + Thread.currentThread().isInterrupted());
            call.check(T0 + deadlineMillis * MS + 1);
            return "late";
        })).as("late output of a fenced stage is discarded").isExactlyInstanceOf(RecordQueue.AbortedException.class);

        assertThat(atDeadline.get()).as("exactly at the deadline nothing happens").isEqualTo("false false");
        assertThat(control.state()).isEqualTo(RunState.ABORTING);
        assertThat(control.failure()).get().isInstanceOfSatisfying(StageFailure.class, f -> {
            assertThat(f.getMessage()).contains("(upper/upper, plugin 'upper' 1.2.3) did not return from "
                    + kind.label() + " within timeouts." + key + " " + deadlineMillis + " ms (running for "
                    + deadlineMillis + " ms on thread " + Thread.currentThread().getName()
                    + ", stack in the cause)", "raise timeouts." + key);
            assertThat(f.getCause()).isInstanceOf(StageCall.StuckCall.class)
                    .hasMessage("thread " + Thread.currentThread().getName() + " inside " + kind.label() + " for "
                            + deadlineMillis + " ms");
            assertThat(f.getCause().getStackTrace()).isNotEmpty();
        });
    }

    @Test
    void aThrowAfterTheDeadlineIsReportedAsAbortedNotAsASecondFailure() {
        assertThatThrownBy(() -> run(StageCall.Kind.PROCESS, (a, b) -> {
            call.check(T0);
            call.check(T0 + 101 * MS);
            throw new InterruptedException("the watchdog's interrupt");
        })).isExactlyInstanceOf(RecordQueue.AbortedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aCallStillRunningCloseMillisAfterItsInterruptIsAbandonedOnce() {
        AtomicReference<List<Boolean>> results = new AtomicReference<>();

        assertThatThrownBy(() -> run(StageCall.Kind.PROCESS, (a, b) -> {
            long interrupted = T0 + 101 * MS;
            results.set(List.of(call.check(T0), call.check(interrupted), call.check(interrupted + 300 * MS),
                    call.check(interrupted + 300 * MS + 1), call.check(interrupted + 900 * MS)));
            return "late";
        })).isExactlyInstanceOf(RecordQueue.AbortedException.class);

        assertThat(results.get()).containsExactly(false, false, false, true, false);
    }

    @Test
    void aCallThatEndsBetweenTwoTicksIsNotTimed() {
        boolean first = run(StageCall.Kind.PROCESS, (a, b) -> call.check(T0));
        boolean second = run(StageCall.Kind.PROCESS, (a, b) -> call.check(T0 + 101 * MS));
        boolean between = call.check(T0 + 500 * MS);
        boolean third = run(StageCall.Kind.PROCESS, (a, b) -> call.check(T0 + 1000 * MS));

        assertThat(List.of(first, second, between, third)).containsOnly(false);
        assertThat(control.failure()).isEmpty();
    }

    @Test
    void aPauseStopsTheWatchAndAResumeStartsItAgainAsANewCallOfTheSameKind() {
        String report = run(StageCall.Kind.POLL, (a, b) -> {
            call.check(T0);
            long paused = call.pause();
            boolean inCallWhilePaused = call.inCall();
            call.check(T0 + 150 * MS);
            call.resume(paused);
            call.check(T0 + 200 * MS);
            boolean afterResume = call.check(T0 + 250 * MS);
            return inCallWhilePaused + " " + afterResume + " " + control.failure().isPresent() + " "
                    + call.inProgress(T0 + 260 * MS).orElse("none");
        });

        assertThat(report).isEqualTo("false false false stage processors[0] (upper/upper, plugin 'upper' 1.2.3) was "
                + "inside poll() for at least 60 ms on thread " + Thread.currentThread().getName());
    }

    @Test
    void resumingOutsideACallDoesNotStartOne() {
        call.resume(call.pause());

        assertThat(call.inCall()).isFalse();
        assertThat(call.inProgress(T0)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StageCall.Kind.class)
    void inProgressNamesTheCallAndCountsFromTheTickThatFirstSawIt(StageCall.Kind kind) {
        String report = run(kind, (a, b) -> {
            String unseen = call.inProgress(T0).orElseThrow();
            call.check(T0);
            return unseen + " | " + call.inProgress(T0 + 42 * MS).orElseThrow();
        });

        String prefix = "stage processors[0] (upper/upper, plugin 'upper' 1.2.3) was inside " + kind.label()
                + " for at least ";
        String suffix = " ms on thread " + Thread.currentThread().getName();
        assertThat(report).isEqualTo(prefix + 0 + suffix + " | " + prefix + 42 + suffix);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
