package dev.patchbay.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KafkaToolsTest {

    private final KafkaTools tools = new KafkaTools("java", "tools.jar", "127.0.0.1:9092", Path.of("scratch"));

    @Test
    void sumsTheEndOffsetsOfTheTopicsPartitionsOnly() {
        String out = "bench:0:250\nbench:1:250\nbench-other:0:7\nbench:2:500\n";

        assertThat(KafkaTools.endOffsets(out, "bench")).isEqualTo(1000);
    }

    @Test
    void noPartitionOfTheTopicIsAnError() {
        assertThatThrownBy(() -> KafkaTools.endOffsets("other:0:1\n", "bench"))
                .hasMessageContaining("no partition of 'bench'");
    }

    @Test
    void theProducerRunsWithTheSinksGuarantees() {
        assertThat(tools.producerPerformance("t", 10, Path.of("p.jsonl"))).containsSequence("--producer-props",
                "bootstrap.servers=127.0.0.1:9092", "acks=all", "enable.idempotence=true")
                .containsSequence("--payload-file", "p.jsonl").containsSequence("--throughput", "-1");
    }

    @Test
    void theConsumerReadsTheRecordCountInTheGivenGroup() {
        assertThat(tools.consumerPerformance("t", 10, "g1")).containsSequence("--num-records", "10")
                .containsSequence("--group", "g1").containsSequence("--topic", "t");
    }
}
