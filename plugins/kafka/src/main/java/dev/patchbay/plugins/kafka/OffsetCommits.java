package dev.patchbay.plugins.kafka;

import dev.patchbay.api.Position;
import dev.patchbay.api.SourceContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

/**
 * The one rule by which offsets reach the group: only from the position the host has committed, and only for
 * partitions this member is assigned now. The position the source resumed from is never committed as it is,
 * since the group's own offsets are authoritative; only a position the host commits during this run is.
 */
final class OffsetCommits {

    /** A revoke's commit, inside a poll: with the assignment's offset look-up, within the host's 30 s call deadline. */
    static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CLOSE_COMMIT_TIMEOUT = Duration.ofSeconds(4);

    private final String extension;
    private final SourceConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final SourceContext context;
    private final Optional<Position> initial;
    private Optional<Position> lastSent;

    OffsetCommits(String extension, SourceConfig config, Consumer<byte[], byte[]> consumer, SourceContext context) {
        this.extension = extension;
        this.config = config;
        this.consumer = consumer;
        this.context = context;
        this.initial = context.committed();
        this.lastSent = initial;
    }

    /** At each poll: if the host's committed position moved since the last commit, commits it asynchronously. */
    void commitIfMoved(Set<TopicPartition> assigned) {
        Optional<Position> now = context.committed();
        if (now.equals(lastSent)) {
            return;
        }
        lastSent = now;
        Map<TopicPartition, OffsetAndMetadata> offsets = held(now, assigned);
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, failure) -> {
                if (failure != null) {
                    context.logger().log(Level.WARNING, extension + ": committing offsets of group '"
                            + config.groupId() + "' for partitions " + KafkaPosition.partitionList(offsets.keySet())
                            + " failed: " + failure.getMessage() + "; the next commit supersedes it");
                }
            });
        }
    }

    /**
     * Commits, synchronously, what the host committed for partitions being revoked. A failure is logged, not
     * thrown: the partitions move either way, and their next owner then starts from the group's older offsets,
     * which repeats records but loses none. The position is not marked as sent: the partitions kept still need it,
     * at the next poll.
     */
    void commitRevoked(Collection<TopicPartition> revoked, Optional<Position> committed) {
        Map<TopicPartition, OffsetAndMetadata> offsets = held(committed, new HashSet<>(revoked));
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
        } catch (InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            context.logger().log(Level.WARNING, extension + ": committing offsets of group '" + config.groupId()
                    + "' for revoked partitions " + KafkaPosition.partitionList(offsets.keySet()) + " failed: "
                    + e.getMessage() + "; their next owner starts from the group's previous offsets and repeats"
                    + " the records after them");
        }
    }

    /** On close: commits synchronously what the host committed for the partitions still assigned. */
    void commitOnClose(Set<TopicPartition> assigned) {
        Optional<Position> now = context.committed();
        if (now.equals(initial)) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = held(now, assigned);
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets, CLOSE_COMMIT_TIMEOUT);
            lastSent = now;
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> held(Optional<Position> committed, Set<TopicPartition> owned) {
        KafkaPosition position = KafkaSource.parse(extension, committed, "the committed position")
                .orElse(KafkaPosition.empty()).only(owned);
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        position.offsets().forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        return offsets;
    }
}
