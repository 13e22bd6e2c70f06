package dev.patchbay.plugins.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.common.TopicPartition;

/**
 * A mock consumer whose group offsets behave as the broker's do. {@link MockConsumer} forgets its committed
 * offsets on every rebalance and reports offset 0 for a partition not assigned, so the group's offsets are kept
 * here, as the broker keeps them, and handed to the mock when the source asks for them, which is where the mock
 * then starts reading. It also counts commits and can fail the asynchronous ones. Every path stores offsets in the
 * mock through {@code super.commitAsync}, the one method of the mock that does, which its own commitSync calls.
 */
final class GroupConsumer extends MockConsumer<byte[], byte[]> {

    final Map<TopicPartition, Long> group = new HashMap<>();
    int asyncCommits;
    int syncCommits;
    Map<TopicPartition, OffsetAndMetadata> lastSync = Map.of();
    boolean failAsync;

    GroupConsumer() {
        super("earliest");
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions,
            Duration timeout) {
        Map<TopicPartition, OffsetAndMetadata> found = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long offset = group.get(partition);
            if (offset != null) {
                found.put(partition, new OffsetAndMetadata(offset));
            }
        }
        super.commitAsync(found, null);
        return found;
    }

    @Override
    public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
            OffsetCommitCallback callback) {
        asyncCommits++;
        if (failAsync) {
            callback.onComplete(offsets, new RetriableCommitFailedException("coordinator moved"));
            return;
        }
        offsets.forEach((partition, offset) -> group.put(partition, offset.offset()));
        super.commitAsync(offsets, callback);
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        syncCommits++;
        lastSync = Map.copyOf(offsets);
        offsets.forEach((partition, offset) -> group.put(partition, offset.offset()));
        super.commitAsync(offsets, null);
    }
}
