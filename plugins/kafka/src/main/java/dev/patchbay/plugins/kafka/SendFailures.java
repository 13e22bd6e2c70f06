package dev.patchbay.plugins.kafka;

import java.util.Optional;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The sends that failed, as the producer's callbacks report them from its I/O thread: how many, and the first one
 * with its topic and partition. Failures are never cleared: once a record is lost, every later flush must fail,
 * or the host would commit a checkpoint past it. Thread-safe.
 */
final class SendFailures {

    /** The first failed send. */
    record First(String topic, int partition, Exception cause) {
    }

    private long count;
    private First first;

    /** A callback for one record sent to a topic. */
    Callback callback(String topic) {
        return (RecordMetadata metadata, Exception exception) -> {
            if (exception != null) {
                failed(metadata != null ? metadata.topic() : topic, metadata != null ? metadata.partition() : -1,
                        exception);
            }
        };
    }

    synchronized void failed(String topic, int partition, Exception cause) {
        count++;
        if (first == null) {
            first = new First(topic, partition, cause);
        }
    }

    synchronized long count() {
        return count;
    }

    synchronized Optional<First> first() {
        return Optional.ofNullable(first);
    }
}
