package dev.patchbay.plugins.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaPositionTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "orders:0=1200", "orders:0=1200,orders:3=87", "a.b_c-d:2147483647=9223372036854775807",
        "orders:2=5,orders:10=0,refunds:0=1"})
    void aWrittenPositionReadsBackAsTheSameText(String text) {
        KafkaPosition position = KafkaPosition.parse(text, "test");
        assertThat(position.toString()).isEqualTo(text);
        assertThat(KafkaPosition.parse(position.toPosition().value(), "test")).isEqualTo(position);
    }

    @Test
    void entriesAreSortedByTopicThenPartitionNumber() {
        KafkaPosition position = KafkaPosition.empty().with(new TopicPartition("refunds", 0), 1)
                .with(new TopicPartition("orders", 10), 0).with(new TopicPartition("orders", 2), 5);
        assertThat(position).hasToString("orders:2=5,orders:10=0,refunds:0=1");
        assertThat(KafkaPosition.parse("orders:10=0,orders:2=5", "test")).hasToString("orders:2=5,orders:10=0");
    }

    @Test
    void withoutAndOnlyKeepTheOtherPartitions() {
        KafkaPosition position = KafkaPosition.parse("orders:0=1,orders:1=2,orders:2=3", "test");
        assertThat(position.without(List.of(new TopicPartition("orders", 1)))).hasToString("orders:0=1,orders:2=3");
        assertThat(position.only(java.util.Set.of(new TopicPartition("orders", 2)))).hasToString("orders:2=3");
        assertThat(position.withAll(Map.of(new TopicPartition("orders", 0), 9L))).hasToString(
                "orders:0=9,orders:1=2,orders:2=3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "orders=3|entry \"orders=3\" is not of the form topic:partition=offset",
        ":0=3|entry \":0=3\" is not of the form topic:partition=offset",
        "orders:0=|the offset of entry \"orders:0=\" is not a non-negative integer",
        "orders:x=3|the partition of entry \"orders:x=3\" is not a non-negative integer",
        "orders:0=-1|the offset of entry \"orders:0=-1\" is not a non-negative integer",
        "orders:0=1,,orders:1=2|entry \"\" is not of the form topic:partition=offset",
        "orders:0=1,orders:0=2|partition orders:0 appears twice",
        "orders:2147483648=1|the partition of entry \"orders:2147483648=1\" is larger than 2147483647",
        "orders:0=99999999999999999999|the offset of entry \"orders:0=99999999999999999999\" is larger than",
        "orders:0:1=2|is not of the form topic:partition=offset",
        "orders:0=1=2|is not of the form topic:partition=offset",
    })
    void malformedTextIsRefusedNamingTheEntryAndTheExpectedForm(String text, String problem) {
        assertThatThrownBy(() -> KafkaPosition.parse(text, "the checkpoint"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the checkpoint \"" + text + "\" is not a Kafka source position: ")
                .hasMessageContaining(problem)
                .hasMessageContaining("for example \"orders:0=1200,orders:3=87\"");
    }

    @Test
    void partitionListIsSortedAndEmptyForNone() {
        assertThat(KafkaPosition.partitionList(List.of(new TopicPartition("orders", 3),
                new TopicPartition("orders", 0)))).isEqualTo("orders:0,orders:3");
        assertThat(KafkaPosition.partitionList(List.of())).isEmpty();
    }
}
