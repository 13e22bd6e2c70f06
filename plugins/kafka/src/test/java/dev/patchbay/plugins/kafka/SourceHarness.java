package dev.patchbay.plugins.kafka;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Position;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Row;
import dev.patchbay.api.Source;
import dev.patchbay.testkit.SourceTester;
import dev.patchbay.testkit.TestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * A {@code kafka/source} on a {@link GroupConsumer}, a mock consumer: settings validated by the test kit as the
 * host does, the consumer's configuration captured, rows and rejections recorded, and rebalances run inside
 * {@code poll} as the real consumer runs them.
 */
final class SourceHarness implements AutoCloseable {

    static final String TOPIC = "orders";

    final GroupConsumer consumer;
    final TestContext context;
    final Source source;
    final Map<String, Object> config = new HashMap<>();
    final List<Row> rows = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    private final Map<TopicPartition, Long> nextOffset = new HashMap<>();
    private final List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
    private final List<Runnable> beforeAdding = new ArrayList<>();

    private SourceHarness(GroupConsumer consumer, TestContext context, Map<String, ?> settings) {
        this.consumer = consumer;
        this.context = context;
        KafkaSourceFactory factory = new KafkaSourceFactory(given -> {
            config.putAll(given);
            return consumer;
        });
        SourceTester tester = SourceTester.create(factory, settings, context);
        this.source = tester.open(context);
    }

    static Map<String, Object> settings(Object... more) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("bootstrapServers", "broker1:9092");
        settings.put("groupId", "billing");
        settings.put("topics", List.of(TOPIC));
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                settings.remove((String) more[i]);
            } else {
                settings.put((String) more[i], more[i + 1]);
            }
        }
        return settings;
    }

    static TestContext newContext() {
        return TestContext.builder().pluginId("kafka").extensionName("source").build();
    }

    static SourceHarness open(Object... settings) {
        return open(new GroupConsumer(), newContext(), settings);
    }

    static SourceHarness open(GroupConsumer consumer, TestContext context, Object... settings) {
        return new SourceHarness(consumer, context, settings(settings));
    }

    static TopicPartition tp(int partition) {
        return new TopicPartition(TOPIC, partition);
    }

    /** Moves the group's assignment to these partitions during the next poll, and runs that poll. */
    Source.Poll rebalanceTo(TopicPartition... partitions) throws IOException {
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        for (TopicPartition partition : partitions) {
            beginnings.put(partition, 0L);
        }
        consumer.updateBeginningOffsets(beginnings);
        duringNextPoll(() -> consumer.rebalance(Arrays.asList(partitions)));
        return poll();
    }

    /** Runs an action inside the next poll, before the messages added since the last one reach the consumer. */
    void duringNextPoll(Runnable action) {
        beforeAdding.add(action);
    }

    /** Adds a message with a JSON value {"n": offset} at the partition's next offset. */
    void add(int partition) {
        TopicPartition tp = tp(partition);
        long offset = nextOffset.getOrDefault(tp, 0L);
        add(partition, offset, null, ("{\"n\":" + offset + "}").getBytes(StandardCharsets.UTF_8));
    }

    void add(int partition, long offset, byte[] key, byte[] value) {
        nextOffset.put(tp(partition), offset + 1);
        pending.add(new ConsumerRecord<>(TOPIC, partition, offset, 1_700_000_000_000L + offset,
                TimestampType.CREATE_TIME, key == null ? -1 : key.length, value == null ? -1 : value.length, key,
                value, new RecordHeaders(), Optional.empty()));
    }

    /**
     * Polls the source. Messages added since the last poll reach the mock consumer inside this poll, after any
     * rebalance scheduled before it, since it accepts messages only for partitions assigned to it. The mock runs
     * one scheduled task per poll, so this is one task.
     */
    Source.Poll poll() throws IOException {
        List<Runnable> actions = List.copyOf(beforeAdding);
        beforeAdding.clear();
        consumer.schedulePollTask(() -> {
            actions.forEach(Runnable::run);
            for (java.util.Iterator<ConsumerRecord<byte[], byte[]>> it = pending.iterator(); it.hasNext(); ) {
                ConsumerRecord<byte[], byte[]> message = it.next();
                if (consumer.assignment().contains(new TopicPartition(message.topic(), message.partition()))) {
                    consumer.addRecord(message);
                    it.remove();
                }
            }
        });
        return source.poll(new Emitter() {
            @Override
            public void emit(Row record) {
                rows.add(record);
            }

            @Override
            public void reject(Rejection rejection) {
                rejections.add(rejection);
            }
        });
    }

    /** The host's side: every record emitted so far is flushed, and the position after the last poll committed. */
    void hostCommits() {
        context.commit(source.position());
    }

    /** The group's committed offsets, as the broker would hold them. */
    Map<TopicPartition, Long> groupOffsets() {
        return Map.copyOf(consumer.group);
    }

    Position position() {
        return source.position();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
