package dev.patchbay.plugins.kafka;

import static dev.patchbay.plugins.kafka.SourceHarness.tp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Position;
import dev.patchbay.api.Source;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

/** Offsets reach the group only from the host's committed position, and only for partitions assigned now. */
class CommitRuleTest {

    @Test
    void nothingIsCommittedToKafkaBeforeTheHostCommits() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            kafka.add(0);
            kafka.add(0);
            assertThat(kafka.rebalanceTo(tp(0))).isEqualTo(Source.Poll.MORE);
            assertThat(kafka.rows).hasSize(2);
            assertThat(kafka.position()).isEqualTo(new Position("orders:0=2"));
            kafka.poll();
            kafka.poll();
            assertThat(kafka.groupOffsets()).isEmpty();
        }
    }

    @Test
    void theHostsCommittedPositionIsCommittedAtTheNextPollAndNotAgainUntilItMoves() throws Exception {
        GroupConsumer consumer = new GroupConsumer();
        try (SourceHarness kafka = SourceHarness.open(consumer, SourceHarness.newContext())) {
            kafka.add(0);
            kafka.rebalanceTo(tp(0));
            kafka.hostCommits();
            kafka.add(0);
            kafka.poll();
            assertThat(kafka.groupOffsets()).containsExactly(Map.entry(tp(0), 1L));
            assertThat(kafka.position()).isEqualTo(new Position("orders:0=2"));
            kafka.poll();
            kafka.poll();
            assertThat(consumer.asyncCommits).isEqualTo(1);
            kafka.hostCommits();
            kafka.poll();
            assertThat(consumer.asyncCommits).isEqualTo(2);
            assertThat(kafka.groupOffsets()).containsExactly(Map.entry(tp(0), 2L));
        }
    }

    @Test
    void onlyPartitionsAssignedNowAreCommitted() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            kafka.rebalanceTo(tp(0));
            kafka.context.commit(new Position("orders:0=7,orders:1=40"));
            kafka.poll();
            assertThat(kafka.groupOffsets()).containsExactly(Map.entry(tp(0), 7L));
        }
    }

    @Test
    void revokedPartitionsAreFlushedThenCommittedSynchronouslyThenLeaveThePosition() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            kafka.add(0);
            kafka.add(1);
            kafka.add(1);
            kafka.rebalanceTo(tp(0), tp(1));
            assertThat(kafka.position()).isEqualTo(new Position("orders:0=1,orders:1=2"));
            kafka.context.onFlush(kafka::hostCommits);

            kafka.rebalanceTo(tp(0));

            assertThat(kafka.context.flushes()).isEqualTo(1);
            assertThat(kafka.consumer.lastSync).containsExactly(Map.entry(tp(1), new OffsetAndMetadata(2)));
            assertThat(kafka.position()).isEqualTo(new Position("orders:0=1"));
            assertThat(kafka.context.statuses()).containsEntry("partitions", "orders:0");
            kafka.poll();
            assertThat(kafka.groupOffsets()).containsOnly(Map.entry(tp(0), 1L), Map.entry(tp(1), 2L));
        }
    }

    @Test
    void lostPartitionsLeaveThePositionWithoutACommitOrAFlush() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            kafka.add(0);
            kafka.add(1);
            kafka.rebalanceTo(tp(0), tp(1));
            kafka.context.onFlush(kafka::hostCommits);

            kafka.duringNextPoll(() -> kafka.consumer.losePartitions(java.util.List.of(tp(1))));
            kafka.poll();

            assertThat(kafka.context.flushes()).isZero();
            assertThat(kafka.groupOffsets()).isEmpty();
            assertThat(kafka.position()).isEqualTo(new Position("orders:0=1"));
            assertThat(kafka.context.statuses()).containsEntry("partitions", "orders:0");
            assertThat(kafka.context.logLines()).anyMatch(line -> line.startsWith("WARNING")
                    && line.contains("orders:1") && line.contains("lost"));
        }
    }

    @Test
    void thePartitionsStatusFollowsTheAssignmentSorted() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            assertThat(kafka.context.statuses()).containsEntry("partitions", "");
            kafka.rebalanceTo(tp(10), tp(2), tp(0));
            assertThat(kafka.context.statuses()).containsEntry("partitions", "orders:0,orders:2,orders:10");
            kafka.rebalanceTo();
            assertThat(kafka.context.statuses()).containsEntry("partitions", "");
        }
    }

    @Test
    void closeCommitsWhatTheHostCommittedForAssignedPartitionsAndClosesTheConsumer() throws Exception {
        GroupConsumer consumer = new GroupConsumer();
        SourceHarness kafka = SourceHarness.open(consumer, SourceHarness.newContext());
        kafka.add(0);
        kafka.add(0);
        kafka.rebalanceTo(tp(0));
        kafka.context.commit(new Position("orders:0=2,orders:5=9"));
        kafka.close();
        assertThat(consumer.lastSync).containsExactly(Map.entry(tp(0), new OffsetAndMetadata(2)));
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void closeWithoutAHostCommitCommitsNothing() throws Exception {
        GroupConsumer consumer = new GroupConsumer();
        SourceHarness kafka = SourceHarness.open(consumer, SourceHarness.newContext().resumingFrom(
                new Position("orders:0=3")));
        kafka.rebalanceTo(tp(0));
        kafka.close();
        assertThat(consumer.syncCommits).isZero();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aFailedAsynchronousCommitIsLoggedNamingGroupAndPartitionsAndTheNextOneSupersedesIt() throws Exception {
        GroupConsumer consumer = new GroupConsumer();
        consumer.failAsync = true;
        try (SourceHarness kafka = SourceHarness.open(consumer, SourceHarness.newContext())) {
            kafka.add(0);
            kafka.rebalanceTo(tp(0));
            kafka.hostCommits();
            kafka.poll();
            assertThat(kafka.context.logLines()).anyMatch(line -> line.startsWith("WARNING")
                    && line.contains("group 'billing'") && line.contains("orders:0")
                    && line.contains("the next commit supersedes it"));
            consumer.failAsync = false;
            kafka.add(0);
            kafka.poll();
            kafka.hostCommits();
            kafka.poll();
            assertThat(kafka.groupOffsets()).containsExactly(Map.entry(tp(0), 2L));
        }
    }
}
