package dev.patchbay.plugins.kafka;

import dev.patchbay.api.Position;
import dev.patchbay.api.SourceContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the source does when the group moves partitions, inside the consumer's {@code poll}, and the state that
 * follows the assignment: the partitions held and their next offsets (the source's position).
 *
 * <ul>
 *   <li>Assigned: the group's committed offset of each partition is where reading starts; the Patchbay
 *       checkpoint is used (by a seek) only for a partition the group has no offset for.</li>
 *   <li>Revoked: the host flushes and commits everything emitted so far ({@link SourceContext#flush()}), the
 *       committed offsets of the revoked partitions are committed to the group synchronously, and the partitions
 *       leave the position.</li>
 *   <li>Lost: the partitions leave the position without a commit; another member owns them already.</li>
 *   <li>Revoked while the consumer closes (it leaves the group): only dropped; {@link KafkaSource#close()} has
 *       committed the host's committed position already, and the host closes a source only after committing
 *       everything it emitted, so there is nothing to flush.</li>
 * </ul>
 *
 * The status value {@code partitions} lists the partitions held, sorted, after every change.
 */
final class Rebalance implements ConsumerRebalanceListener {

    static final Duration COMMITTED_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<byte[], byte[]> consumer;
    private final SourceContext context;
    private final OffsetCommits commits;
    private final KafkaPosition checkpoint;
    private final SortedSet<TopicPartition> assigned = new TreeSet<>(KafkaPosition.ORDER);
    private KafkaPosition position = KafkaPosition.empty();
    private boolean closing;

    Rebalance(Consumer<byte[], byte[]> consumer, SourceContext context, OffsetCommits commits,
            KafkaPosition checkpoint) {
        this.consumer = consumer;
        this.context = context;
        this.commits = commits;
        this.checkpoint = checkpoint;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> group = consumer.committed(new HashSet<>(partitions),
                COMMITTED_TIMEOUT);
        Map<TopicPartition, Long> starts = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata committed = group.get(partition);
            Long saved = checkpoint.offsets().get(partition);
            if (committed != null) {
                starts.put(partition, committed.offset());
            } else if (saved != null) {
                consumer.seek(partition, saved);
                starts.put(partition, saved);
                context.logger().log(Level.INFO, "group has no committed offset for " + partition.topic() + ":"
                        + partition.partition() + "; resuming it from the Patchbay checkpoint at offset " + saved);
            }
        }
        position = position.withAll(starts);
        assigned.addAll(partitions);
        report();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        if (closing) {
            // The consumer revokes everything as it leaves the group in close(): the host committed everything
            // before closing the source, and close() has just handed that commit on to the group.
            drop(partitions);
            return;
        }
        Optional<Position> committed = context.flush();
        commits.commitRevoked(partitions, committed);
        drop(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        context.logger().log(Level.WARNING, "partitions " + KafkaPosition.partitionList(partitions) + " were lost"
                + " to the group without a commit; their next owner repeats the records after the group's offsets");
        drop(partitions);
    }

    /** From now on the consumer is closing: a revocation only drops the partitions. */
    void closing() {
        closing = true;
    }

    /** Records the next offset to read from each partition a poll read from. */
    void advance(Map<TopicPartition, Long> nextOffsets) {
        position = position.withAll(nextOffsets);
    }

    KafkaPosition position() {
        return position;
    }

    Set<TopicPartition> assigned() {
        return Collections.unmodifiableSortedSet(assigned);
    }

    private void drop(Collection<TopicPartition> partitions) {
        position = position.without(partitions);
        assigned.removeAll(partitions);
        report();
    }

    private void report() {
        context.status("partitions", KafkaPosition.partitionList(assigned));
    }
}
