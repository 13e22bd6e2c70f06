package dev.patchbay.plugins.kafka;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Position;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceContext;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

/**
 * A {@code kafka/source}: one member of a consumer group. It emits the messages of the partitions the group assigns
 * it, reports their next offsets as its position, and commits offsets to the group only from what the host has
 * committed ({@link SourceContext#committed()}), so that Kafka never holds an offset past a record the sink has not
 * flushed. The rebalance rules live in {@link Rebalance}. Called by one thread at a time, as every source is.
 */
final class KafkaSource implements Source {

    static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /** With {@link OffsetCommits#CLOSE_COMMIT_TIMEOUT}, within the host's default close deadline of 10 s. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_REJECTED_INPUT = 1000;

    private final String extension;
    private final SourceConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final SourceContext context;
    private final RecordMapper mapper;
    private final Rebalance rebalance;
    private final OffsetCommits commits;

    KafkaSource(String extension, SourceConfig config, Consumer<byte[], byte[]> consumer, SourceContext context,
            KafkaPosition checkpoint) {
        this.extension = extension;
        this.config = config;
        this.consumer = consumer;
        this.context = context;
        this.mapper = new RecordMapper(config.format(), config.keyFormat(), config.fields());
        this.commits = new OffsetCommits(extension, config, consumer, context);
        this.rebalance = new Rebalance(consumer, context, commits, checkpoint);
        context.status("partitions", "");
        try {
            if (config.topicPattern().isPresent()) {
                consumer.subscribe(config.topicPattern().get(), rebalance);
            } else {
                consumer.subscribe(config.topics(), rebalance);
            }
        } catch (KafkaException e) {
            throw new ExtensionException(extension, "cannot subscribe group '" + config.groupId() + "' to "
                    + config.subscription() + " at " + config.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Poll poll(Emitter out) throws IOException {
        ConsumerRecords<byte[], byte[]> messages;
        try {
            commits.commitIfMoved(rebalance.assigned());
            messages = consumer.poll(POLL_TIMEOUT);
        } catch (KafkaException e) {
            throw failure("cannot poll", e);
        }
        for (ConsumerRecord<byte[], byte[]> message : messages) {
            TopicPartition partition = new TopicPartition(message.topic(), message.partition());
            try {
                RecordMapper.Mapped mapped = mapper.map(message);
                out.emit(mapped.row());
                if (mapped.clashes()) {
                    context.count("fieldClashes", 1);
                }
                if (mapped.tombstone()) {
                    context.count("tombstones", 1);
                }
            } catch (RecordMapper.Unmappable e) {
                out.reject(new Rejection(e.getMessage(), "topic " + message.topic() + " partition "
                        + message.partition() + " offset " + message.offset(), input(message.value())));
            }
            rebalance.advance(partition, message.offset() + 1);
        }
        return messages.isEmpty() ? Poll.IDLE : Poll.MORE;
    }

    @Override
    public Position position() {
        return rebalance.position().toPosition();
    }

    /** Commits what the host committed for the partitions still assigned, then leaves the group. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        try {
            commits.commitOnClose(rebalance.assigned());
        } catch (KafkaException e) {
            failure = failure("cannot commit offsets on close", e);
        }
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (KafkaException e) {
            IOException closing = failure("cannot close the consumer", e);
            if (failure == null) {
                failure = closing;
            } else {
                failure.addSuppressed(closing);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The failure of a consumer call as an exception naming the servers, group and topics. A cancellation or an
     * extension failure raised in a rebalance listener comes out of {@code poll} wrapped by Kafka; it is rethrown
     * as itself. An interrupt is kept on the thread and reported as an {@link InterruptedIOException}.
     */
    private IOException failure(String what, KafkaException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CancellationException cancelled) {
                throw cancelled;
            }
            if (cause instanceof ExtensionException extensionFailure) {
                throw extensionFailure;
            }
        }
        String message = extension + ": " + what + " for group '" + config.groupId() + "' reading "
                + config.subscription() + " from " + config.bootstrapServers() + ": " + e.getMessage();
        if (e instanceof InterruptException) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException(message);
            interrupted.initCause(e);
            return interrupted;
        }
        return new IOException(message + "; check that the brokers are reachable and the group may read the"
                + " topics", e);
    }

    private static String input(byte[] value) {
        if (value == null) {
            return "";
        }
        String text = new String(value, 0, Math.min(value.length, MAX_REJECTED_INPUT * 4),
                StandardCharsets.UTF_8);
        return text.length() > MAX_REJECTED_INPUT ? text.substring(0, MAX_REJECTED_INPUT) + "..." : text;
    }

    /** What the host has committed, parsed; used by {@link OffsetCommits} and {@link Rebalance}. */
    static Optional<KafkaPosition> parse(String extension, Optional<Position> position, String where) {
        try {
            return position.map(p -> KafkaPosition.parse(p.value(), where));
        } catch (IllegalArgumentException e) {
            throw new ExtensionException(extension, e.getMessage(), e);
        }
    }
}
