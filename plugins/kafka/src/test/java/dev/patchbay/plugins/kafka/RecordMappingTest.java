package dev.patchbay.plugins.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordMappingTest {

    private static final long TIME = 1_700_000_000_000L;

    static Stream<Arguments> mappings() {
        return Stream.of(
                Arguments.of("json value, default names", Map.of(), "k", "{\"id\":1,\"name\":\"Ada\"}",
                        Row.builder().set("id", 1L).set("name", "Ada").set("key", "k").set("topic", "orders")
                                .set("partition", 3L).set("offset", 42L).set("timestamp", TIME)
                                .set("headers", Row.of(Map.of("trace", "t-1"))).build()),
                Arguments.of("string value", Map.of("format", "string"), "k", "plain text",
                        Row.builder().set("value", "plain text").set("key", "k").set("topic", "orders")
                                .set("partition", 3L).set("offset", 42L).set("timestamp", TIME)
                                .set("headers", Row.of(Map.of("trace", "t-1"))).build()),
                Arguments.of("bytes value and key, renamed fields", Map.of("format", "bytes", "keyFormat", "bytes",
                        "valueField", "payload", "keyField", "id", "offsetField", "kafkaOffset"), "k", "ab",
                        Row.builder().set("payload", Bytes.of("ab".getBytes(StandardCharsets.UTF_8)))
                                .set("id", Bytes.of(new byte[] {'k'})).set("topic", "orders").set("partition", 3L)
                                .set("kafkaOffset", 42L).set("timestamp", TIME)
                                .set("headers", Row.of(Map.of("trace", "t-1"))).build()),
                Arguments.of("metadata left out", Map.of("keyField", "", "topicField", "", "partitionField", "",
                        "offsetField", "", "timestampField", "", "headersField", ""), "k", "{\"id\":1}",
                        Row.of(Map.of("id", 1L))),
                Arguments.of("json key", Map.of("keyFormat", "json", "topicField", "", "partitionField", "",
                        "offsetField", "", "timestampField", "", "headersField", ""), "{\"customer\":7}", "{}",
                        Row.of(Map.of("key", Map.of("customer", 7L)))),
                Arguments.of("null key and json tombstone", Map.of("headersField", "", "timestampField", ""), null,
                        null, Row.builder().set("key", null).set("topic", "orders").set("partition", 3L)
                                .set("offset", 42L).build()),
                Arguments.of("null string value", Map.of("format", "string", "headersField", "",
                        "timestampField", ""), "k", null, Row.builder().set("value", null).set("key", "k")
                                .set("topic", "orders").set("partition", 3L).set("offset", 42L).build()),
                Arguments.of("a value field wins over a metadata field", Map.of("headersField", ""), "k",
                        "{\"topic\":\"mine\",\"offset\":\"x\"}", Row.builder().set("topic", "mine")
                                .set("offset", "x").set("key", "k").set("partition", 3L).set("timestamp", TIME)
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappings")
    void aMessageBecomesTheRecordTheSettingsDescribe(String name, Map<String, Object> settings, String key,
            String value, Row expected) throws Exception {
        RecordMapper mapper = mapper(settings);
        RecordMapper.Mapped mapped = mapper.map(message(key, value));
        assertThat(mapped.row()).isEqualTo(expected);
        assertThat(mapped.row().fieldNames()).containsExactlyElementsOf(expected.fieldNames());
    }

    @Test
    void clashesAndTombstonesAreReported() throws Exception {
        RecordMapper mapper = mapper(Map.of());
        assertThat(mapper.map(message("k", "{\"key\":1}")).clashes()).isTrue();
        assertThat(mapper.map(message("k", "{\"id\":1}")).clashes()).isFalse();
        assertThat(mapper.map(message("k", null)).tombstone()).isTrue();
    }

    @Test
    void repeatedHeadersKeepTheLastValueAndANullHeaderIsNull() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("a", "1".getBytes(StandardCharsets.UTF_8));
        headers.add("a", "2".getBytes(StandardCharsets.UTF_8));
        headers.add("b", null);
        ConsumerRecord<byte[], byte[]> message = new ConsumerRecord<>("orders", 0, 0, TIME,
                TimestampType.CREATE_TIME, -1, 2, null, "{}".getBytes(StandardCharsets.UTF_8), headers,
                Optional.empty());
        Row row = mapper(Map.of()).map(message).row();
        assertThat(row.get("headers")).isEqualTo(Row.builder().set("a", "2").set("b", null).build());
    }

    @Test
    void aMessageWithoutATimestampHasANullTimestamp() throws Exception {
        ConsumerRecord<byte[], byte[]> message = new ConsumerRecord<>("orders", 0, 0, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, -1, 2, null, "{}".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), Optional.empty());
        Row row = mapper(Map.of()).map(message).row();
        assertThat(row.has("timestamp")).isTrue();
        assertThat(row.get("timestamp")).isNull();
    }

    static RecordMapper mapper(Map<String, Object> extra) {
        Map<String, Object> values = SourceHarness.settings();
        values.putAll(extra);
        SourceConfig config = SourceConfig.of("source", Settings.of("source", values,
                new KafkaSourceFactory().settings()));
        return new RecordMapper(config.format(), config.keyFormat(), config.fields());
    }

    static ConsumerRecord<byte[], byte[]> message(String key, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>("orders", 3, 42, TIME, TimestampType.CREATE_TIME, -1, -1, keyBytes, valueBytes,
                headers, Optional.empty());
    }
}
