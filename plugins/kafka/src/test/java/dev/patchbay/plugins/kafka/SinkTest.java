package dev.patchbay.plugins.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Row;
import dev.patchbay.api.SettingsException;
import dev.patchbay.testkit.SinkTester;
import dev.patchbay.testkit.TestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SinkTest {

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final Map<String, Object> config = new HashMap<>();

    private SinkTester sink(Object... settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("bootstrapServers", "broker1:9092");
        values.put("topic", "orders");
        for (int i = 0; i < settings.length; i += 2) {
            if (settings[i + 1] == null) {
                values.remove((String) settings[i]);
            } else {
                values.put((String) settings[i], settings[i + 1]);
            }
        }
        KafkaSinkFactory factory = new KafkaSinkFactory(given -> {
            config.putAll(given);
            return producer;
        });
        return SinkTester.create(factory, values,
                TestContext.builder().pluginId("kafka").extensionName("sink").build());
    }

    @Test
    void theProducerIsIdempotentWithAcksAllAndGetsThePassThroughProperties() throws Exception {
        try (SinkTester kafka = sink("properties", Map.of("linger.ms", 20, "compression.type", "zstd"))) {
            assertThat(kafka.sink()).isInstanceOf(KafkaSink.class);
            assertThat(config).containsEntry("enable.idempotence", "true").containsEntry("acks", "all")
                    .containsEntry("bootstrap.servers", "broker1:9092").containsEntry("linger.ms", "20")
                    .containsEntry("compression.type", "zstd");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"key.serializer", "value.serializer", "enable.idempotence", "acks", "bootstrap.servers"})
    void eachPropertyThePluginOwnsIsRefusedNamingIt(String key) {
        assertThatThrownBy(() -> sink("properties", Map.of(key, "x")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.key()).isEqualTo("properties"))
                .hasMessageContaining("\"" + key + "\" is set by the plugin and cannot be passed through");
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of(new Object[] {"topic", null}, "topic", "is missing"),
                Arguments.of(new Object[] {"topicField", "to"}, "topicField", "is given together with 'topic'"),
                Arguments.of(new Object[] {"topic", "bad topic"}, "topic", "is not a Kafka topic name"),
                Arguments.of(new Object[] {"topic", null, "topicField", ""}, "topicField", "is empty"),
                Arguments.of(new Object[] {"bootstrapServers", ""}, "bootstrapServers", "is blank"));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void badSettingsAreRefusedNamingTheSetting(Object[] settings, String key, String message) {
        assertThatThrownBy(() -> sink(settings))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(message);
    }

    @Test
    void eachRecordIsSentAsItsJsonWithTheKeyFieldAsKey() throws Exception {
        try (SinkTester kafka = sink("keyField", "id")) {
            kafka.write(Row.builder().set("id", "a-1").set("n", 1L).build(),
                    Row.builder().set("id", 7L).set("n", 2.5).build(),
                    Row.builder().set("id", Map.of("x", 1L)).build(),
                    Row.builder().set("n", 3L).build(),
                    Row.builder().set("id", null).build());
            kafka.flush();
            List<ProducerRecord<byte[], byte[]>> sent = producer.history();
            assertThat(sent).extracting(ProducerRecord::topic).containsOnly("orders");
            assertThat(sent).extracting(r -> r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactly("a-1", "7", "{\"x\":1}", null, null);
            assertThat(sent).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly(
                    "{\"id\":\"a-1\",\"n\":1}", "{\"id\":7,\"n\":2.5}", "{\"id\":{\"x\":1}}", "{\"n\":3}",
                    "{\"id\":null}");
        }
    }

    @Test
    void theTopicFieldRoutesEachRecord() throws Exception {
        try (SinkTester kafka = sink("topic", null, "topicField", "to")) {
            kafka.write(Row.of(Map.of("to", "orders", "n", 1L)), Row.of(Map.of("to", "refunds", "n", 2L)));
            kafka.flush();
            assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("orders", "refunds");
        }
    }

    static Stream<Arguments> badTopicFields() {
        return Stream.of(
                Arguments.of(Row.of(Map.of("n", 1L)), "the topic field 'to' of a record is missing"),
                Arguments.of(Row.builder().set("to", null).build(), "the topic field 'to' of a record is null"),
                Arguments.of(Row.of(Map.of("to", 12L)), "is not a string but long 12"),
                Arguments.of(Row.of(Map.of("to", "")), "is an empty string"));
    }

    @ParameterizedTest
    @MethodSource("badTopicFields")
    void aRecordWithoutATopicNameFailsNamingTheFieldAndValue(Row record, String message) throws Exception {
        try (SinkTester kafka = sink("topic", null, "topicField", "to")) {
            assertThatThrownBy(() -> kafka.write(record)).isInstanceOf(ExtensionException.class)
                    .hasMessageContaining(message);
            assertThat(producer.history()).isEmpty();
        }
    }

    @Test
    void aFailedSendFailsFlushNamingTopicPartitionAndCountAndEveryLaterFlushToo() throws Exception {
        try (SinkTester kafka = sink()) {
            kafka.write(Row.of(Map.of("n", 1L)), Row.of(Map.of("n", 2L)), Row.of(Map.of("n", 3L)));
            assertThat(producer.errorNext(new NotEnoughReplicasException("only 1 in-sync replica"))).isTrue();
            assertThat(producer.errorNext(new NotEnoughReplicasException("only 1 in-sync replica"))).isTrue();
            assertThatThrownBy(kafka::flush).isInstanceOf(IOException.class)
                    .hasMessageContaining("2 records could not be sent")
                    .hasMessageContaining("topic 'orders' partition 0")
                    .hasMessageContaining("only 1 in-sync replica")
                    .hasCauseInstanceOf(NotEnoughReplicasException.class);
            kafka.write(Row.of(Map.of("n", 4L)));
            assertThatThrownBy(kafka::flush).isInstanceOf(IOException.class)
                    .hasMessageContaining("2 records could not be sent");
        }
    }

    @Test
    void flushWaitsForEveryAcknowledgement() throws Exception {
        try (SinkTester kafka = sink()) {
            kafka.write(Row.of(Map.of("n", 1L)));
            assertThat(producer.flushed()).isFalse();
            kafka.flush();
            assertThat(producer.flushed()).isTrue();
            assertThat(producer.completeNext()).isFalse();
        }
    }

    @Test
    void aSynchronousSendFailureNamesTheTopic() throws Exception {
        producer.sendException = new KafkaException("producer fenced");
        try (SinkTester kafka = sink()) {
            assertThatThrownBy(() -> kafka.write(Row.of(Map.of("n", 1L)))).isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot send a record to topic 'orders'")
                    .hasMessageContaining("producer fenced");
        }
    }

    @Test
    void aRecordJsonCannotHoldFailsNamingTheField() throws Exception {
        try (SinkTester kafka = sink()) {
            assertThatThrownBy(() -> kafka.write(Row.of(Map.of("ratio", Double.NaN))))
                    .isInstanceOf(ExtensionException.class).hasMessageContaining("field 'ratio' holds NaN");
        }
    }

    @Test
    void closeClosesTheProducer() throws Exception {
        SinkTester kafka = sink();
        kafka.close();
        assertThat(producer.closed()).isTrue();
    }
}
