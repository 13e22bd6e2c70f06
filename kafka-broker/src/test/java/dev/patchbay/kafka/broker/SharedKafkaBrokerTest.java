package dev.patchbay.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module's one shared broker: what every test of issue 14 relies on. */
class SharedKafkaBrokerTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void startTheSharedBroker() {
        broker = SharedKafkaBroker.get();
    }

    @Test
    void theStartedBrokerAnswersOnItsLoopbackBootstrap() throws Exception {
        assertThat(broker.bootstrap()).matches("127\\.0\\.0\\.1:\\d+");
        try (Admin admin = Clients.admin(broker.bootstrap())) {
            Collection<Node> nodes = admin.describeCluster().nodes()
                    .get(Clients.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(nodes).singleElement().satisfies(node -> {
                assertThat(node.id()).isEqualTo(1);
                assertThat(node.host() + ":" + node.port()).isEqualTo(broker.bootstrap());
            });
        }
    }

    @Test
    void everyCallGetsTheSameBroker() {
        assertThat(SharedKafkaBroker.get()).isSameAs(broker);
    }

    @Test
    void itRunsUnderTheModulesTargetFolder() {
        assertThat(broker.directory()).endsWith(java.nio.file.Path.of("target", "kafka-broker"));
    }

    @Test
    void theBrokerJvmWatchesThisJvmSoItCannotOutliveIt() {
        ProcessHandle child = broker.process().orElseThrow();

        assertThat(child.parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
        assertThat(child.info().arguments().map(Arrays::asList).orElseThrow())
                .contains(BrokerProcess.EXIT_WITH_PARENT, BrokerProcess.class.getName());
    }

    @Test
    void startLeavesNoAdminClientThreadBehind() {
        assertThat(Thread.getAllStackTraces().keySet()).map(Thread::getName)
                .noneMatch(name -> name.contains("patchbay-kafka-broker-probe"));
    }

    @Test
    void aRecordProducedIsConsumed() throws Exception {
        Clients.produce(broker.bootstrap(), "shared-produced-consumed", "k", "hello");

        List<ConsumerRecord<String, String>> records =
                Clients.consume(broker.bootstrap(), "shared-produced-consumed", "shared-group", 1);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("k");
            assertThat(record.value()).isEqualTo("hello");
        });
    }

    @Test
    void aTopicCreatedByUseHasFourPartitions() throws Exception {
        Clients.produce(broker.bootstrap(), "shared-auto-created", "k", "v");

        assertThat(describe("shared-auto-created").partitions()).hasSize(4);
    }

    @Test
    void createTopicMakesTwelvePartitionsEachWithALeader() throws Exception {
        broker.createTopic("shared-twelve", 12);

        assertThat(describe("shared-twelve").partitions()).hasSize(12)
                .allSatisfy(partition -> assertThat(partition.leader().id()).isEqualTo(1));
    }

    @Test
    void createTopicAcceptsTheSameTopicAgainButNotAnotherPartitionCount() {
        broker.createTopic("shared-again", 2);
        broker.createTopic("shared-again", 2);

        assertThatThrownBy(() -> broker.createTopic("shared-again", 3))
                .isInstanceOf(KafkaBrokerException.class)
                .hasMessageContaining("topic 'shared-again'")
                .hasMessageContaining("already exists with 2 partitions, not 3");
    }

    @Test
    void createTopicRefusesZeroPartitions() {
        assertThatThrownBy(() -> broker.createTopic("shared-none", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic 'shared-none' needs at least 1 partition, got 0");
    }

    private static TopicDescription describe(String topic) throws Exception {
        try (Admin admin = Clients.admin(broker.bootstrap())) {
            return admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(Clients.DEADLINE.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        }
    }
}
