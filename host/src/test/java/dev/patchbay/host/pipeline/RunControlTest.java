package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The run state machine of one attempt, driven from the test thread. */
class RunControlTest {

    private final RecordQueue queue = new RecordQueue(4);
    private final RunControl control = new RunControl("orders", List.of(queue), 2);

    private RunControl running() {
        control.stageCreated();
        control.stageCreated();
        return control;
    }

    private boolean queueAborted() throws InterruptedException {
        try {
            queue.poll(0, TimeUnit.SECONDS);
            return false;
        } catch (RecordQueue.AbortedException e) {
            return true;
        }
    }

    @Test
    void anAttemptStartsAndRunsOnceEveryStageThreadHasCreatedItsStages() {
        assertThat(control.pipeline()).isEqualTo("orders");
        assertThat(control.state()).isEqualTo(RunState.STARTING);
        assertThat(control.outcome()).isEmpty();
        assertThat(control.failure()).isEmpty();

        control.stageCreated();
        assertThat(control.state()).isEqualTo(RunState.STARTING);
        control.stageCreated();
        assertThat(control.state()).isEqualTo(RunState.RUNNING);
    }

    @Test
    void aStopBeforeTheLastStageIsCreatedIsNotUndoneByIt() {
        control.stop();
        running();

        assertThat(control.state()).isEqualTo(RunState.STOPPING);
    }

    @Test
    void awaitCreatedReturnsTrueWhenEveryStageIsCreated() throws InterruptedException {
        assertThat(running().awaitCreated()).isTrue();
    }

    @Test
    void awaitCreatedReturnsFalseWhenTheAttemptAbortsBeforeEveryStageIsCreated() throws InterruptedException {
        control.stageCreated();
        control.fail(new IllegalStateException("create failed"));

        assertThat(control.awaitCreated()).isFalse();
    }

    @Test
    void awaitCreatedReturnsFalseWhenTheAttemptAbortedAfterEveryStageWasCreated() throws InterruptedException {
        running().abort();

        assertThat(control.awaitCreated()).isFalse();
    }

    static Stream<Arguments> transitions() {
        Consumer<RunControl> none = c -> { };
        Consumer<RunControl> run = c -> {
            c.stageCreated();
            c.stageCreated();
        };
        return Stream.of(
                Arguments.of("draining while starting", none, (Consumer<RunControl>) RunControl::draining,
                        RunState.STARTING),
                Arguments.of("draining while running", run, (Consumer<RunControl>) RunControl::draining,
                        RunState.DRAINING),
                Arguments.of("stop while starting", none, (Consumer<RunControl>) RunControl::stop, RunState.STOPPING),
                Arguments.of("stop while running", run, (Consumer<RunControl>) RunControl::stop, RunState.STOPPING),
                Arguments.of("stop while draining", run.andThen(RunControl::draining),
                        (Consumer<RunControl>) RunControl::stop, RunState.STOPPING),
                Arguments.of("draining while stopping", run.andThen(RunControl::stop),
                        (Consumer<RunControl>) RunControl::draining, RunState.STOPPING),
                Arguments.of("stop while aborting", run.andThen(RunControl::abort),
                        (Consumer<RunControl>) RunControl::stop, RunState.ABORTING),
                Arguments.of("stop after the end", run.andThen(RunControl::end),
                        (Consumer<RunControl>) RunControl::stop, RunState.ENDED),
                Arguments.of("abort after the end", run.andThen(RunControl::end),
                        (Consumer<RunControl>) RunControl::abort, RunState.ENDED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void transitions(String name, Consumer<RunControl> before, Consumer<RunControl> event, RunState after) {
        before.accept(control);
        event.accept(control);

        assertThat(control.state()).isEqualTo(after);
    }

    @Test
    void theFirstFailureAbortsEveryQueueAndLaterOnesAreKeptAsSuppressed() throws InterruptedException {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second");
        running();

        assertThat(control.fail(first)).isTrue();
        assertThat(control.state()).isEqualTo(RunState.ABORTING);
        assertThat(queueAborted()).isTrue();
        assertThat(control.fail(second)).isFalse();
        assertThat(control.fail(first)).as("the same failure again is not its own consequence").isFalse();

        assertThat(control.failure()).containsSame(first);
        assertThat(first.getSuppressed()).containsExactly(second);
        assertThat(control.end()).isEqualTo(RunState.Outcome.FAILED);
    }

    @Test
    void aFailureAfterTheEndIsIgnored() throws InterruptedException {
        running().end();

        assertThat(control.fail(new IllegalStateException("late"))).isFalse();
        assertThat(control.failure()).isEmpty();
        assertThat(control.outcome()).contains(RunState.Outcome.COMPLETED);
        assertThat(queueAborted()).isFalse();
    }

    @Test
    void aFailureAfterAForcedStopIsAConsequenceNotTheCause() {
        running().abort();

        assertThat(control.fail(new IllegalStateException("interrupted by the abort"))).isFalse();
        assertThat(control.failure()).isEmpty();
        assertThat(control.end()).isEqualTo(RunState.Outcome.ABORTED);
    }

    @Test
    void aForcedStopAbortsEveryQueue() throws InterruptedException {
        running().abort();

        assertThat(control.forced()).isTrue();
        assertThat(control.state()).isEqualTo(RunState.ABORTING);
        assertThat(queueAborted()).isTrue();
    }

    @Test
    void aFailureMustBeNamed() {
        assertThatThrownBy(() -> control.fail(null)).isInstanceOf(NullPointerException.class).hasMessage("thrown");
    }

    static Stream<Arguments> outcomes() {
        Consumer<RunControl> stop = RunControl::stop;
        Consumer<RunControl> abort = RunControl::abort;
        Consumer<RunControl> fail = c -> c.fail(new IllegalStateException("x"));
        return Stream.of(
                Arguments.of("nothing happened", (Consumer<RunControl>) c -> { }, RunState.Outcome.COMPLETED),
                Arguments.of("stop", stop, RunState.Outcome.STOPPED),
                Arguments.of("forced stop", abort, RunState.Outcome.ABORTED),
                Arguments.of("stop, then forced", stop.andThen(abort), RunState.Outcome.ABORTED),
                Arguments.of("failure", fail, RunState.Outcome.FAILED),
                Arguments.of("stop, then failure", stop.andThen(fail), RunState.Outcome.FAILED),
                Arguments.of("failure, then forced", fail.andThen(abort), RunState.Outcome.FAILED));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("outcomes")
    void theOutcomeIsDecidedOnceFromWhatHappened(String name, Consumer<RunControl> events,
            RunState.Outcome outcome) {
        running();
        events.accept(control);

        assertThat(control.end()).isEqualTo(outcome);
        assertThat(control.state()).isEqualTo(RunState.ENDED);
        control.abort();
        assertThat(control.end()).as("decided once").isEqualTo(outcome);
        assertThat(control.outcome()).contains(outcome);
        boolean abnormal = outcome == RunState.Outcome.FAILED || outcome == RunState.Outcome.ABORTED;
        assertThat(control.aborting()).isEqualTo(abnormal);
    }

    @Test
    void theFlagsSayWhatWasAskedFor() {
        running().stop();

        assertThat(control.stopRequested()).isTrue();
        assertThat(control.forced()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "STARTING, false, false",
        "RUNNING,  false, false",
        "DRAINING, true,  false",
        "STOPPING, true,  false",
        "ABORTING, true,  true",
    })
    void whatTheStageLoopsReadFromTheState(RunState state, boolean sourceMustStop, boolean aborting) {
        switch (state) {
            case STARTING -> { }
            case RUNNING -> running();
            case DRAINING -> running().draining();
            case STOPPING -> running().stop();
            default -> running().abort();
        }

        assertThat(control.state()).isEqualTo(state);
        assertThat(control.sourceMustStop()).isEqualTo(sourceMustStop);
        assertThat(control.aborting()).isEqualTo(aborting);
    }

    @ParameterizedTest
    @EnumSource(RunState.class)
    void recordsAreCommittedUntilTheAttemptAbortsOrEnds(RunState state) {
        assertThat(state.committing()).isEqualTo(state != RunState.ABORTING && state != RunState.ENDED);
    }
}
