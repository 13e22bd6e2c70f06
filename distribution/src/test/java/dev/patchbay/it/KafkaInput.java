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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
     * Sends records {@code from} (inclusive) to {@code to} (exclusive) and waits until the broker has acknowledged
     * every one. Record {@code i} goes to partition {@code i % partitions}, so every partition gets its share.
     */
    void produce(long from, long to) throws InterruptedException {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            AtomicInteger failures = new AtomicInteger();
            for (long i = from; i < to; i++) {
                byte[] value = ("{\"id\":" + i + ",\"payload\":\"record " + i + "\"}").getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, (int) (i % partitions), null, value), (metadata, e) -> {
                    if (e != null) {
                        failures.incrementAndGet();
                    }
                });
            }
            producer.flush();
            if (failures.get() > 0) {
                throw new AssertionError(failures.get() + " of the records " + from + " to " + to + " could not be"
                        + " sent to topic " + topic + " at " + bootstrap());
            }
        }
        System.out.printf("kafka: produced records %d to %d into %s in %d ms%n", from, to, topic,
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
