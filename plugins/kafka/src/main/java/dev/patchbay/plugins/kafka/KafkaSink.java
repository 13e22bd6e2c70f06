package dev.patchbay.plugins.kafka;

import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Row;
import dev.patchbay.api.Sink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * A {@code kafka/sink}: sends each record, as its JSON, through an idempotent producer, and on flush waits for
 * every send to be acknowledged by all in-sync replicas. A failed send fails that flush and every later one.
 * Called by one thread at a time, as every sink is; the producer's callbacks run on its own I/O thread.
 */
final class KafkaSink implements Sink {

    /** The host flushes before it closes, so nothing is left to send; within its default close deadline of 10 s. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String extension;
    private final SinkConfig config;
    private final Producer<byte[], byte[]> producer;
    private final JsonRecords json = new JsonRecords();
    private final SendFailures failures = new SendFailures();

    KafkaSink(String extension, SinkConfig config, Producer<byte[], byte[]> producer) {
        this.extension = extension;
        this.config = config;
        this.producer = producer;
    }

    @Override
    public void write(List<Row> batch) throws IOException {
        for (Row record : batch) {
            String topic = topic(record);
            byte[] key = config.keyField().map(field -> key(field, record)).orElse(null);
            byte[] value;
            try {
                value = json.record(record);
            } catch (IllegalArgumentException e) {
                throw new ExtensionException(extension, "cannot send a record to topic '" + topic + "': "
                        + e.getMessage(), e);
            }
            try {
                producer.send(new ProducerRecord<>(topic, key, value), failures.callback(topic));
            } catch (InterruptException e) {
                throw interrupted("sending to topic '" + topic + "' was interrupted", e);
            } catch (KafkaException | IllegalStateException e) {
                throw new IOException(extension + ": cannot send a record to topic '" + topic + "' at "
                        + config.bootstrapServers() + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            producer.flush();
        } catch (InterruptException e) {
            throw interrupted("waiting for sends to be acknowledged was interrupted", e);
        } catch (KafkaException e) {
            throw new IOException(extension + ": cannot flush the producer for " + destination() + " at "
                    + config.bootstrapServers() + ": " + e.getMessage(), e);
        }
        SendFailures.First first = failures.first().orElse(null);
        if (first != null) {
            long count = failures.count();
            throw new IOException(extension + ": " + count + (count == 1 ? " record" : " records")
                    + " could not be sent; the first to topic '" + first.topic() + "' partition "
                    + (first.partition() < 0 ? "(not assigned)" : String.valueOf(first.partition())) + " at "
                    + config.bootstrapServers() + ": " + first.cause().getMessage() + "; those records are not in"
                    + " Kafka, so this sink refuses every later flush and the checkpoint stays before them",
                    first.cause());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            producer.close(CLOSE_TIMEOUT);
        } catch (InterruptException e) {
            throw interrupted("closing the producer was interrupted", e);
        } catch (KafkaException e) {
            throw new IOException(extension + ": cannot close the producer for " + destination() + ": "
                    + e.getMessage(), e);
        }
    }

    private String topic(Row record) {
        if (config.topic().isPresent()) {
            return config.topic().get();
        }
        String field = config.topicField().orElseThrow();
        Object value = record.get(field);
        if (!(value instanceof String topic) || topic.isEmpty()) {
            throw new ExtensionException(extension, "the topic field '" + field + "' of a record is "
                    + (record.has(field) ? describe(value) : "missing") + "; every record needs a topic name there"
                    + " (a non-empty string), or use the topic setting for one fixed topic");
        }
        return topic;
    }

    private byte[] key(String field, Row record) {
        Object value = record.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return json.value(field, value);
        } catch (IllegalArgumentException e) {
            throw new ExtensionException(extension, "cannot use field '" + field + "' as the key: "
                    + e.getMessage(), e);
        }
    }

    private String destination() {
        return config.topic().map(topic -> "topic '" + topic + "'")
                .orElseGet(() -> "the topics named by field '" + config.topicField().orElseThrow() + "'");
    }

    private InterruptedIOException interrupted(String what, InterruptException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException failure = new InterruptedIOException(extension + ": " + what);
        failure.initCause(e);
        return failure;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "an empty string";
        }
        return "not a string but " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " "
                + value;
    }
}
