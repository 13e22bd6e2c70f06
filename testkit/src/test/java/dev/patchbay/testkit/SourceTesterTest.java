package dev.patchbay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Position;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Row;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceTesterTest {

    private static List<Row> rows(long from, long to) {
        return LongStream.range(from, to).mapToObj(n -> Row.builder().set("n", n).build()).toList();
    }

    @Test
    void readAllPollsUntilEndAndReportsTheFinalPosition() throws Exception {
        SourceTester counter = SourceTester.create(new TestFactories.CounterFactory(), Map.of("count", 5L));

        SourceTester.Output output = counter.readAll();

        assertThat(output.rows()).isEqualTo(rows(0, 5));
        assertThat(output.position()).contains(new Position("next=5"));
    }

    @Test
    void rejectionsAndCountersTheSourceReportsAreRecordedInItsContextAcrossResumedReads() throws Exception {
        SourceTester counter = SourceTester.create(new TestFactories.CounterFactory(),
                Map.of("count", 7L, "rejectEvery", 3L));

        assertThat(counter.readAll().rows()).extracting(row -> row.get("n")).containsExactly(1L, 2L, 4L, 5L);
        assertThat(counter.context().rejections()).extracting(Rejection::location).containsExactly("n=0", "n=3", "n=6");
        assertThat(counter.readAll(new Position("next=5")).rows()).extracting(row -> row.get("n")).containsExactly(5L);
        assertThat(counter.context().rejections()).hasSize(4).last()
                .isEqualTo(new Rejection("rejects multiples of 3", "n=6", "6"));
        assertThat(counter.context().counters()).containsExactly(Map.entry("rejectedMultiples", 4L));
    }

    @Test
    void readAllFromAPositionHandsItToTheSourceAsResumeFrom() throws Exception {
        SourceTester counter = SourceTester.create(new TestFactories.CounterFactory(), Map.of("count", 5L));

        assertThat(counter.readAll(new Position("next=3")).rows()).isEqualTo(rows(3, 5));
        assertThat(counter.context().resumeFrom()).isEmpty();
    }

    @Test
    void aCorrectSourceResumesExactlyOnceFromEveryBoundary() {
        SourceTester counter = SourceTester.create(new TestFactories.CounterFactory(),
                Map.of("count", 7L, "perPoll", 3L));

        assertThatCode(counter::assertResumesExactlyOnce).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "skew {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "-1 | duplicated rows [{n=1}] (emitted before the position, and again after resuming from it)",
        " 1 | missing rows [{n=2}] (emitted after the position was reported, but skipped when resuming from it)"})
    void aSourceWhosePositionIsOffByOneFailsNamingTheBoundaryAndTheRows(long skew, String rows) {
        SourceTester counter = SourceTester.create(new TestFactories.CounterFactory(),
                Map.of("count", 5L, "skew", skew));

        assertThatThrownBy(counter::assertResumesExactlyOnce)
                .isInstanceOf(AssertionError.class)
                .hasMessage("test-plugin/counter: resuming from position 'next=2', reported after poll 1 (2 of 5"
                        + " rows emitted), produced " + (3 - skew) + " rows but 3 were expected: " + rows
                        + "; a source must resume with exactly the rows after the position it reported");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "MORE, 'test-plugin/endless: the source did not return END within 50 polls (0 rows); a finite source must"
                + " end, or raise the limit with SourceTester.withLimits'",
        "IDLE, 'test-plugin/endless: the source returned IDLE 4 times in 4 polls (0 rows) without END; a finite"
                + " source must end, or raise the limit with SourceTester.withLimits'"})
    void aSourceThatNeverEndsFailsAfterTheLimitInsteadOfHanging(String result, String message) {
        SourceTester endless = SourceTester.create(new TestFactories.EndlessFactory(), Map.of("result", result))
                .withLimits(50, 3);

        assertThatThrownBy(endless::readAll).isInstanceOf(AssertionError.class).hasMessage(message);
    }

    @Test
    void theDefaultLimitsAreDocumentedConstants() {
        assertThat(SourceTester.DEFAULT_MAX_POLLS).isEqualTo(100_000);
        assertThat(SourceTester.DEFAULT_MAX_IDLE_POLLS).isEqualTo(100);
        assertThatThrownBy(() -> SourceTester.create(new TestFactories.CounterFactory(), Map.of("count", 1L))
                .withLimits(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidSettingsFailBeforeAnySourceIsCreated() {
        assertThatThrownBy(() -> SourceTester.create(new TestFactories.CounterFactory(), Map.of()))
                .isInstanceOfSatisfying(SettingsError.class, error -> assertThat(error.problems()).containsExactly(
                        "test-plugin/counter: setting 'count' is required but missing; fix: add \"count\":"
                                + " <integer> (how many rows)"));
    }
}
