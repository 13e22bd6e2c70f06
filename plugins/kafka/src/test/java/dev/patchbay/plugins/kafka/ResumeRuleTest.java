package dev.patchbay.plugins.kafka;

import static dev.patchbay.plugins.kafka.SourceHarness.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The group's committed offsets are authoritative; the checkpoint serves partitions the group has none for. */
class ResumeRuleTest {

    @Test
    void theGroupsCommittedOffsetWinsOverTheCheckpoint() throws Exception {
        GroupConsumer consumer = new GroupConsumer();
        consumer.group.put(tp(0), 8L);
        try (SourceHarness kafka = SourceHarness.open(consumer, SourceHarness.newContext().resumingFrom(
                new Position("orders:0=3")))) {
            for (int i = 0; i < 10; i++) {
                kafka.add(0);
            }
            kafka.rebalanceTo(tp(0));
            kafka.poll();
            assertThat(kafka.rows).extracting(row -> row.get("offset")).containsExactly(8L, 9L);
            assertThat(kafka.position()).isEqualTo(new Position("orders:0=10"));
            assertThat(kafka.groupOffsets()).as("the checkpoint is never committed over the group's offset")
                    .containsExactly(Map.entry(tp(0), 8L));
        }
    }

    @Test
    void theCheckpointIsUsedForAPartitionTheGroupHasNoOffsetFor() throws Exception {
        GroupConsumer consumer = new GroupConsumer();
        consumer.group.put(tp(1), 1L);
        try (SourceHarness kafka = SourceHarness.open(consumer, SourceHarness.newContext().resumingFrom(
                new Position("orders:0=3,orders:1=0")))) {
            for (int i = 0; i < 5; i++) {
                kafka.add(0);
            }
            kafka.add(1);
            kafka.add(1);
            kafka.rebalanceTo(tp(0), tp(1));
            kafka.poll();
            assertThat(kafka.rows).extracting(row -> row.get("partition") + "@" + row.get("offset"))
                    .containsExactlyInAnyOrder("0@3", "0@4", "1@1");
            assertThat(kafka.context.logLines()).anyMatch(line -> line.startsWith("INFO")
                    && line.contains("orders:0") && line.contains("checkpoint at offset 3"));
        }
    }

    @Test
    void aPartitionWithNeitherStartsWhereAutoOffsetResetSays() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            kafka.add(0);
            kafka.rebalanceTo(tp(0));
            assertThat(kafka.rows).containsExactly(Row.builder().set("n", 0L).set("key", null).set("topic", "orders")
                    .set("partition", 0L).set("offset", 0L).set("timestamp", 1_700_000_000_000L)
                    .set("headers", Row.empty()).build());
            assertThat(kafka.config).containsEntry("auto.offset.reset", "earliest");
        }
    }

    @Test
    void aMalformedCheckpointFailsTheCreationNamingIt() {
        assertThatThrownBy(() -> SourceHarness.open(new GroupConsumer(),
                SourceHarness.newContext().resumingFrom(new Position("orders=3"))))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("the checkpoint to resume from \"orders=3\" is not a Kafka source position")
                .hasMessageContaining("orders:0=1200");
    }
}
