package dev.patchbay.it;

import dev.patchbay.kafka.broker.KafkaBroker;
import dev.patchbay.kafka.broker.SharedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The input side of the Kafka scenarios: one topic per test on the JVM's shared broker, filled with small JSON
 * records that each carry a unique {@code id} ({@code {"id":17,"payload":"record 17"}}), spread over the
 * partitions round robin by key, and the consumer group's committed offsets read back through an admin client.
 */
final class KafkaInput implements AutoCloseable {

    private static final AtomicInteger TOPICS = new AtomicInteger();

    private final KafkaBroker broker;
    private final String topic;
    private final String group;
    private final int partitions;
    private final Admin admin;

    private KafkaInput(KafkaBroker broker, String topic, String group, int partitions) {
        this.broker = broker;
        this.topic = topic;
        this.group = group;
        this.partitions = partitions;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** A new topic of {@code partitions} on the shared broker, named after {@code test}, and a group for it. */
    static KafkaInput create(String test, int partitions) {
        long started = System.nanoTime();
        KafkaBroker broker = SharedKafkaBroker.get();
        long brokerMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String name = test + "-" + ProcessHandle.current().pid() + "-" + TOPICS.incrementAndGet();
        broker.createTopic(name, partitions);
        System.out.printf("kafka: broker %s ready after %d ms (0 when an earlier test started it), topic %s with"
                + " %d partitions%n", broker.bootstrap(), brokerMillis, name, partitions);
        return new KafkaInput(broker, name, name + "-group", partitions);
    }

    KafkaBroker broker() {
        return broker;
    }

    String bootstrap() {
        return broker.bootstrap();
    }

    String topic() {
        return topic;
    }

    String group() {
        return group;
    }

    int partitions() {
        return partitions;
    }

    /**
     * Sends records {@code 0} to {@code count - 1} into the new topic and waits until the broker has acknowledged
     * every one, then checks that each partition holds exactly its share. Record {@code i} goes to partition
     * {@code i % partitions}.
     */
    void produce(long count) throws InterruptedException {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // Not idempotent: on the test broker, the first appends to a new topic were seen to fail with
        // NOT_LEADER_OR_FOLLOWER and then, retried, OUT_OF_ORDER_SEQUENCE_NUMBER (sequence 0 against the
        // partition's 669) until every retry of those batches timed out. A retry without idempotence may write a
        // batch twice instead, so the partitions' end offsets are checked against the records sent below.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // On two cores shared with the hosts and other builds the broker can fall far behind; Kafka's default of
        // 120 s per record was seen to expire for a few hundred records of 300,000.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 60_000);
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            AtomicInteger failures = new AtomicInteger();
            AtomicReference<Exception> first = new AtomicReference<>();
            for (long i = 0; i < count; i++) {
                byte[] value = ("{\"id\":" + i + ",\"payload\":\"record " + i + "\"}").getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, (int) (i % partitions), null, value), (metadata, e) -> {
                    if (e != null) {
                        failures.incrementAndGet();
                        first.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            if (failures.get() > 0) {
                throw new AssertionError(failures.get() + " of the records 0 to " + (count - 1) + " could not be"
                        + " sent to topic " + topic + " at " + bootstrap() + "; the first failure is the cause",
                        first.get());
            }
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(30, TimeUnit.SECONDS);
            ends.forEach((partition, end) -> {
                long expected = expectedIn(count, partition.partition());
                if (end.offset() != expected) {
                    throw new AssertionError("partition " + partition + " holds " + end.offset() + " messages after"
                            + " records 0 to " + (count - 1) + " were sent, not " + expected + ": a retry wrote some"
                            + " twice");
                }
            });
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read the end offsets of topic " + topic + " at " + bootstrap(), e);
        }
        System.out.printf("kafka: produced %d records into %s in %d ms%n", count, topic,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** The group's committed offsets now: partition number to the next offset, for partitions it has one for. */
    Map<Integer, Long> committedOffsets() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<Integer, Long> result = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null && partition.topic().equals(topic)) {
                    result.put(partition.partition(), offset.offset());
                }
            });
            return result;
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read the committed offsets of group " + group + " at " + bootstrap(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the offsets of group " + group, e);
        }
    }

    /** Records {@code 0} to {@code count - 1} that {@link #produce} puts in {@code partition}. */
    long expectedIn(long count, int partition) {
        return (count - partition + partitions - 1) / partitions;
    }

    /** Whether the group has committed every partition up to the end of records {@code 0} to {@code count - 1}. */
    boolean committedAll(long count) {
        Map<Integer, Long> committed = committedOffsets();
        for (int p = 0; p < partitions; p++) {
            if (committed.getOrDefault(p, 0L) < expectedIn(count, p)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }

    /** Where a host's source reads from: the settings of {@code kafka/source} for this topic and group. */
    String sourceSettings(List<String> properties) {
        return """
                { "bootstrapServers": "%s", "groupId": "%s", "topics": ["%s"],
                  "keyField": "", "timestampField": "", "headersField": "",
                  "properties": { %s } }""".formatted(bootstrap(), group, topic, String.join(", ", properties));
    }

    @Override
    public String toString() {
        return "topic " + topic + " (" + partitions + " partitions, group " + group + ") at " + bootstrap();
    }
}
