package dev.patchbay.plugins.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Row;
import dev.patchbay.api.Source;
import dev.patchbay.kafka.broker.KafkaBroker;
import dev.patchbay.kafka.broker.SharedKafkaBroker;
import dev.patchbay.testkit.SinkTester;
import dev.patchbay.testkit.SourceTester;
import dev.patchbay.testkit.TestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kafka/source and kafka/sink against a real KRaft broker (kafka-broker/, one per test JVM), driven through the
 * test kit: records read, offsets reaching the group only after the host's commit, a graceful handover of
 * partitions to a second member, and records sent by the sink read back.
 */
class KafkaBrokerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = SharedKafkaBroker.get();
    }

    @Test
    void theSourceReadsEveryRecordAndItsOffsetsReachTheGroupOnlyAfterTheHostCommits() throws Exception {
        String topic = "it-source-commit";
        String group = "it-source-commit-group";
        broker.createTopic(topic, 2);
        produce(topic, 200);
        TestContext context = context();
        SourceTester tester = SourceTester.create(new KafkaSourceFactory(), settings(topic, group), context);
        List<Row> rows = new ArrayList<>();
        try (Source source = tester.open(context)) {
            pollUntil(source, rows, () -> rows.size() >= 200);
            assertThat(rows).extracting(row -> row.get("n")).doesNotHaveDuplicates().hasSize(200);
            Map<TopicPartition, Long> read = KafkaPosition.parse(source.position().value(), "test").offsets();
            assertThat(read.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(200);
            assertThat(context.statuses()).containsEntry("partitions", topic + ":0," + topic + ":1");
            for (int i = 0; i < 10; i++) {
                source.poll(rows::add);
            }
            assertThat(groupOffsets(group)).isEmpty();

            context.commit(source.position());
            pollUntil(source, rows, () -> groupOffsets(group).equals(read));
            assertThat(rows).hasSize(200);
        }
        assertThat(groupOffsets(group).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(200);
    }

    @Test
    void aSecondMemberTakesPartitionsOverAfterTheFirstFlushedAndCommittedThem() throws Exception {
        String topic = "it-source-handover";
        String group = "it-source-handover-group";
        broker.createTopic(topic, 2);
        produce(topic, 100);
        TestContext first = context();
        TestContext second = context();
        SourceTester firstTester = SourceTester.create(new KafkaSourceFactory(), settings(topic, group), first);
        SourceTester secondTester = SourceTester.create(new KafkaSourceFactory(), settings(topic, group), second);
        List<Row> firstRows = new ArrayList<>();
        List<Row> secondRows = new ArrayList<>();
        try (Source a = firstTester.open(first)) {
            first.onFlush(() -> first.commit(a.position()));
            pollUntil(a, firstRows, () -> firstRows.size() >= 100);
            try (Source b = secondTester.open(second)) {
                second.onFlush(() -> second.commit(b.position()));
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (!(held(first) == 1 && held(second) == 1)) {
                    assertThat(System.nanoTime()).as("both members hold a partition within %s", DEADLINE)
                            .isLessThan(deadline);
                    a.poll(firstRows::add);
                    b.poll(secondRows::add);
                }
                assertThat(first.flushes()).isPositive();
                assertThat(secondRows).as("the second member starts at the offsets the first committed").isEmpty();
                assertThat(groupOffsets(group).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
                assertThat(firstRows).hasSize(100);
            }
        }
    }

    @Test
    void theSinkSendsEveryRecordAsItsJsonAndFlushWaitsForThem() throws Exception {
        String topic = "it-sink";
        broker.createTopic(topic, 3);
        TestContext context = TestContext.builder().pluginId("kafka").extensionName("sink").build();
        List<Row> sent = new ArrayList<>();
        for (long i = 0; i < 60; i++) {
            sent.add(Row.builder().set("id", "r-" + i).set("n", i).set("ratio", i / 4.0).build());
        }
        try (SinkTester sink = SinkTester.create(new KafkaSinkFactory(), Map.of("bootstrapServers",
                broker.bootstrap(), "topic", topic, "keyField", "id"), context)) {
            sink.write(sent.subList(0, 30));
            sink.write(sent.subList(30, 60));
            sink.flush();
        }
        List<String> values = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrap()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1),
                    new TopicPartition(topic, 2));
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (values.size() < 60) {
                assertThat(System.nanoTime()).as("60 records read back within %s", DEADLINE).isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> message : reader.poll(Duration.ofMillis(100))) {
                    values.add(new String(message.value(), StandardCharsets.UTF_8));
                    keys.add(new String(message.key(), StandardCharsets.UTF_8));
                }
            }
        }
        JsonRecords json = new JsonRecords();
        assertThat(values).containsExactlyInAnyOrderElementsOf(sent.stream()
                .map(row -> new String(json.record(row), StandardCharsets.UTF_8)).toList());
        assertThat(keys).containsExactlyInAnyOrderElementsOf(sent.stream().map(row -> (String) row.get("id"))
                .toList());
    }

    private static Map<String, Object> settings(String topic, String group) {
        return Map.of("bootstrapServers", broker.bootstrap(), "groupId", group, "topics", List.of(topic),
                "properties", Map.of("session.timeout.ms", 10_000, "heartbeat.interval.ms", 1_000));
    }

    private static TestContext context() {
        return TestContext.builder().pluginId("kafka").extensionName("source").build();
    }

    private static int held(TestContext context) {
        String partitions = context.statuses().getOrDefault("partitions", "");
        return partitions.isEmpty() ? 0 : partitions.split(",").length;
    }

    private static void produce(String topic, int count) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrap()), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "{\"n\":" + i + "}")).get();
            }
        }
    }

    private static Map<TopicPartition, Long> groupOffsets(String group) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((tp, offset) -> {
                if (offset != null) {
                    result.put(tp, offset.offset());
                }
            });
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading the offsets of group '" + group + "'", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("cannot read the offsets of group '" + group + "'", e);
        }
    }

    private static void pollUntil(Source source, List<Row> rows, BooleanSupplier done) throws Exception {
        Emitter out = rows::add;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within %s", DEADLINE).isLessThan(deadline);
            source.poll(out);
        }
    }
}
