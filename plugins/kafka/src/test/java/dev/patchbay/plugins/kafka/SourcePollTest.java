package dev.patchbay.plugins.kafka;

import static dev.patchbay.plugins.kafka.SourceHarness.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Position;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Source;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What one poll emits, rejects and returns, and how consumer failures surface. */
class SourcePollTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\":|the value is not a JSON object: malformed JSON",
        "[1,2]|the value is not a JSON object: expected a JSON object but found an array",
        "42|expected a JSON object but found a number",
        "\"text\"|expected a JSON object but found a string",
        "{\"a\":1} {\"b\":2}|after the JSON value",
        "{\"a\":1,\"a\":2}|Duplicate field 'a'",
        "{\"n\":1e999}|outside the range of a double",
        "''|the text is empty",
    })
    void aValueThatIsNotAJsonObjectIsRejectedWhereItWasAndTheOthersAreEmitted(String value, String reason)
            throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            kafka.add(0);
            kafka.add(0, 1, null, value.getBytes(StandardCharsets.UTF_8));
            kafka.add(0);
            kafka.rebalanceTo(tp(0));
            assertThat(kafka.rows).extracting(row -> row.get("offset")).containsExactly(0L, 2L);
            assertThat(kafka.rejections).singleElement().satisfies(rejection -> {
                assertThat(rejection.reason()).contains(reason);
                assertThat(rejection.location()).isEqualTo("topic orders partition 0 offset 1");
                assertThat(rejection.input()).isEqualTo(value);
            });
            assertThat(kafka.position()).isEqualTo(new Position("orders:0=3"));
        }
    }

    @Test
    void jsonNestedDeeperThanTheLimitIsRejected() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            String deep = "{\"a\":" + "[".repeat(JsonValues.MAX_DEPTH + 1) + "]".repeat(JsonValues.MAX_DEPTH + 1)
                    + "}";
            kafka.add(0, 0, null, deep.getBytes(StandardCharsets.UTF_8));
            kafka.rebalanceTo(tp(0));
            assertThat(kafka.rejections).extracting(Rejection::reason).singleElement().asString()
                    .contains("deeper than 512");
        }
    }

    @Test
    void invalidUtf8InAStringValueIsRejectedSuggestingBytes() throws Exception {
        try (SourceHarness kafka = SourceHarness.open("format", "string")) {
            kafka.add(0, 0, null, new byte[] {(byte) 0xc3, (byte) 0x28});
            kafka.rebalanceTo(tp(0));
            assertThat(kafka.rejections).extracting(Rejection::reason).singleElement().asString()
                    .contains("the value is not valid UTF-8").contains("\"bytes\"");
        }
    }

    @Test
    void pollReturnsMoreWithRecordsAndIdleWithoutAndNeverEnd() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            kafka.add(0);
            assertThat(kafka.rebalanceTo(tp(0))).isEqualTo(Source.Poll.MORE);
            assertThat(kafka.poll()).isEqualTo(Source.Poll.IDLE);
            assertThat(kafka.poll()).isEqualTo(Source.Poll.IDLE);
        }
    }

    @Test
    void clashesAndTombstonesAreCounted() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            kafka.add(0, 0, null, "{\"topic\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            kafka.add(0, 1, "k".getBytes(StandardCharsets.UTF_8), null);
            kafka.rebalanceTo(tp(0));
            assertThat(kafka.context.counters()).containsEntry("fieldClashes", 1L).containsEntry("tombstones", 1L);
        }
    }

    @Test
    void aKafkaFailureInPollSurfacesAsAnIoExceptionNamingServersGroupAndTopic() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            kafka.consumer.setPollException(new KafkaException("broker unreachable"));
            assertThatThrownBy(kafka::poll).isInstanceOf(IOException.class)
                    .hasMessageContaining("group 'billing'").hasMessageContaining("topic orders")
                    .hasMessageContaining("broker1:9092").hasMessageContaining("broker unreachable")
                    .hasCauseInstanceOf(KafkaException.class);
        }
    }

    @Test
    void anInterruptedPollKeepsTheInterruptAndSaysSo() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            kafka.duringNextPoll(() -> {
                throw new InterruptException("interrupted");
            });
            try {
                assertThatThrownBy(kafka::poll).isInstanceOf(InterruptedIOException.class)
                        .hasMessageContaining("group 'billing'");
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void aCancelledFlushInARebalancePropagatesAsItself() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            kafka.rebalanceTo(tp(0));
            kafka.context.onFlush(() -> {
                throw new CancellationException("pipeline stopped by force");
            });
            assertThatThrownBy(() -> kafka.rebalanceTo(tp(1))).isInstanceOf(CancellationException.class);
        }
    }

    @Test
    void aCancellationThatKafkaWrapsIsUnwrapped() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            kafka.duringNextPoll(() -> {
                throw new KafkaException("User rebalance callback throws an error",
                        new CancellationException("stopped"));
            });
            assertThatThrownBy(kafka::poll).isInstanceOf(CancellationException.class).hasMessage("stopped");
        }
    }
}
