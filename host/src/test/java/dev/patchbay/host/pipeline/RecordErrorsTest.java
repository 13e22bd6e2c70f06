package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.patchbay.api.Position;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Row;
import dev.patchbay.host.config.ErrorPolicy;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.config.Timeouts;
import dev.patchbay.host.plugin.PluginScope;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** Rejected records under each error policy, with the counts the bounds are checked against. */
class RecordErrorsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
    private static final Optional<StageConfig> DEAD_LETTER = Optional.of(new StageConfig("mem/dead", Map.of(),
            "pipelines[0].errors.deadLetter"));

    private final StageMetrics source = new StageMetrics("source", "gen/numbers", "gen");
    private final StageMetrics metrics = new StageMetrics("processors[0]", "proc/upper", "proc");
    private final StageCall call = new StageCall(new StageGuard("orders", "processors[0]", "proc/upper",
            new PluginScope("proc", getClass().getClassLoader())), "2.0.1", Timeouts.DEFAULT,
            new RunControl("orders", List.of(), 1), Thread.currentThread());
    private final Row record = Row.empty().with("n", 7L);
    private final IllegalArgumentException error = new IllegalArgumentException("bad n");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(RecordErrors.class)).addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(RecordErrors.class)).detachAppender(logged);
    }

    private RecordErrors errors(ErrorPolicy.Tolerance tolerance, Optional<StageConfig> deadLetter, long maxFailures,
            double ratio) {
        return new RecordErrors(new ErrorPolicy(tolerance, deadLetter, maxFailures, ratio), source,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private RecordErrors tolerant(long maxFailures, double ratio) {
        return errors(ErrorPolicy.Tolerance.ALL, Optional.empty(), maxFailures, ratio);
    }

    private static List<Object> values(Row row) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(row.value(i));
        }
        return values;
    }

    @Test
    void underToleranceNoneTheFirstRejectedRecordFailsTheStage() {
        RecordErrors errors = new RecordErrors(ErrorPolicy.DEFAULT, source, Clock.systemUTC());

        assertThat(errors.tolerant()).isFalse();
        assertThatThrownBy(() -> errors.reject(call, metrics, record, error, null, 7))
                .isInstanceOf(StageFailure.class)
                .hasMessageStartingWith("pipeline 'orders' stopped: stage processors[0] (proc/upper, plugin 'proc' "
                        + "2.0.1) failed on its record 7: " + error + "; to set such records aside and go on, set "
                        + "\"errors\": {\"tolerance\": \"all\"}")
                .hasCause(error);
        assertThat(metrics.failed()).isEqualTo(1);
        assertThat(errors.failures()).as("a failure, not a rejection").isZero();
    }

    @Test
    void underToleranceAllARejectedRecordIsCountedLoggedAndSkipped() {
        RecordErrors errors = tolerant(ErrorPolicy.MAX_FAILURES, 1);
        source.add(0, 10);

        assertThat(errors.tolerant()).isTrue();
        assertThat(errors.deadLettering()).isFalse();
        assertThat(errors.reject(call, metrics, record, error, null, 3)).isNull();
        assertThat(errors.failures()).isEqualTo(1);
        assertThat(metrics.failed()).isEqualTo(1);
        assertThat(logged.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .isEqualTo("pipeline 'orders': stage processors[0] (proc/upper) rejected its record 3 (skipped, "
                        + "errors.tolerance is all): " + error);
    }

    @Test
    void withADeadLetterStageARejectedRecordBecomesADeadLetter() {
        RecordErrors errors = errors(ErrorPolicy.Tolerance.ALL, DEAD_LETTER, ErrorPolicy.MAX_FAILURES, 1);
        source.add(0, 10);

        Row letter = errors.reject(call, metrics, record, error, new Position("41"), 3);

        assertThat(errors.deadLettering()).isTrue();
        assertThat(letter.fieldNames()).containsExactly("record", "pipeline", "stage", "use", "plugin",
                "pluginVersion", "exception", "message", "sourcePosition", "timestamp", "location", "input");
        assertThat(values(letter)).containsExactly(record, "orders", "processors[0]", "proc/upper", "proc", "2.0.1",
                "java.lang.IllegalArgumentException", "bad n", "41", "2026-03-01T10:15:30Z", null, null);
        assertThat(logged.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("rejected its record 3 (sent to the dead-letter stage)");
    }

    @Test
    void aDeadLetterOfARecordReadBeforeAnyPositionHasNone() {
        RecordErrors errors = errors(ErrorPolicy.Tolerance.ALL, DEAD_LETTER, ErrorPolicy.MAX_FAILURES, 1);

        Row letter = errors.reject(call, metrics, record, new IllegalStateException(), null, 1);

        assertThat(values(letter)).containsExactly(record, "orders", "processors[0]", "proc/upper", "proc", "2.0.1",
                "java.lang.IllegalStateException", "null", null, "2026-03-01T10:15:30Z", null, null);
    }

    @Test
    void skippedInputIsCountedAndDeadLetteredWithWhereAndWhyEvenUnderToleranceNone() {
        RecordErrors errors = errors(ErrorPolicy.Tolerance.NONE, DEAD_LETTER, 0, 1);

        Row letter = errors.skipped(call, metrics, null,
                new Rejection("expected 4 fields but found 3", "zone.tab line 12", "CH\t+4723+00832"), new Position("9"));

        assertThat(values(letter)).containsExactly(null, "orders", "processors[0]", "proc/upper", "proc", "2.0.1",
                null, "expected 4 fields but found 3", "9", "2026-03-01T10:15:30Z", "zone.tab line 12",
                "CH\t+4723+00832");
        assertThat(metrics.skipped()).isEqualTo(1);
        assertThat(metrics.failed()).isZero();
        assertThat(errors.failures()).as("skipped input is no failure: maxFailures 0 is not passed").isZero();
        assertThat(logged.list).as("the plugin logs what it skips").isEmpty();
    }

    @Test
    void skippedInputWithoutADeadLetterStageIsOnlyCounted() {
        RecordErrors errors = errors(ErrorPolicy.Tolerance.ALL, Optional.empty(), ErrorPolicy.MAX_FAILURES, 1);

        assertThat(errors.skipped(call, metrics, record, new Rejection("too short", "", ""), null)).isNull();
        assertThat(errors.skipped(call, metrics, record, new Rejection("too short", "", ""), null)).isNull();
        assertThat(metrics.skipped()).isEqualTo(2);
    }

    @Test
    void passingMaxFailuresFailsTheStageThatRejectedTheLastOne() {
        RecordErrors errors = tolerant(2, 1);
        source.add(0, 1000);
        errors.reject(call, metrics, record, error, null, 1);
        errors.reject(call, metrics, record, error, null, 2);

        assertThatThrownBy(() -> errors.reject(call, metrics, record, error, null, 3))
                .isInstanceOf(StageFailure.class)
                .hasMessageContaining("(proc/upper, plugin 'proc' 2.0.1) rejected 3 records, more than "
                        + "errors.maxFailures 2; the last one: " + error)
                .hasCause(error);
        assertThat(metrics.failed()).isEqualTo(3);
    }

    @ParameterizedTest(name = "ratio {0}, source emitted {1}: rejection {2} fails: {3}")
    @CsvSource({
        // The ratio is checked from ceil(1 / ratio) source records on.
        "0.5, 1, 1, false",
        "0.5, 2, 1, false",
        "0.5, 2, 2, true",
        "0.5, 4, 2, false",
        "0.5, 4, 3, true",
        // Nothing emitted yet counts as one record.
        "1.0, 0, 1, false",
        "1.0, 0, 2, true",
        "0.1, 9, 9, false",
        "0.1, 10, 2, true",
    })
    void passingMaxFailureRatioFailsTheStage(double ratio, long emitted, int rejections, boolean fails) {
        RecordErrors errors = tolerant(ErrorPolicy.MAX_FAILURES, ratio);
        source.add(0, emitted);
        for (int i = 1; i < rejections; i++) {
            errors.reject(call, metrics, record, error, null, i);
        }

        if (fails) {
            assertThatThrownBy(() -> errors.reject(call, metrics, record, error, null, rejections))
                    .isInstanceOf(StageFailure.class)
                    .hasMessageContaining("rejected " + rejections + " of the " + Math.max(emitted, 1) + " records "
                            + "the source emitted, more than errors.maxFailureRatio " + ratio + " (a stage that "
                            + "rejects this many is broken, not its data); the last one: " + error)
                    .hasCause(error);
        } else {
            assertThat(errors.reject(call, metrics, record, error, null, rejections)).isNull();
            assertThat(errors.failures()).isEqualTo(rejections);
        }
    }

    @Test
    void theFirstHundredRejectionsAreLoggedAndTheHundredthSaysTheRestAreOnlyCounted() {
        RecordErrors errors = tolerant(ErrorPolicy.MAX_FAILURES, 1);
        source.add(0, 1000);

        for (int i = 1; i <= 101; i++) {
            errors.reject(call, metrics, record, error, null, i);
        }

        assertThat(errors.failures()).isEqualTo(101);
        assertThat(logged.list).hasSize(100);
        assertThat(logged.list.get(98).getFormattedMessage()).doesNotContain("further rejections");
        assertThat(logged.list.get(99).getFormattedMessage()).contains("rejected its record 100 (skipped, "
                + "errors.tolerance is all; further rejections are counted, not logged)");
    }
}
