package dev.patchbay.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart, kill and stop, on one broker of its own (the shared one must keep running). Ordered because each start
 * costs seconds on two cores: restart first, kill second, stop last; each test checks its own starting state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaBrokerLifecycleTest {

    @TempDir
    static Path temp;

    private static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start(temp.resolve("lifecycle"));
    }

    @AfterAll
    static void end() {
        if (broker != null) {
            broker.kill();
        }
    }

    @Test
    @Order(1)
    void restartKeepsThePortAndTheData() throws Exception {
        String bootstrap = broker.bootstrap();
        long before = broker.process().orElseThrow().pid();
        Clients.produce(bootstrap, "lifecycle-kept", "k", "written before the restart");

        broker.restart();

        assertThat(broker.bootstrap()).isEqualTo(bootstrap);
        assertThat(broker.process().orElseThrow().pid()).isNotEqualTo(before);
        assertThat(ProcessHandle.of(before).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Clients.consume(bootstrap, "lifecycle-kept", "lifecycle-group", 1))
                .singleElement().satisfies(record -> assertThat(record.value()).isEqualTo("written before the restart"));
    }

    @Test
    @Order(2)
    void killEndsTheJvmAtOnceAndARestartRecovers() throws Exception {
        ProcessHandle child = broker.process().orElseThrow();

        broker.kill();

        assertThat(child.isAlive()).isFalse();
        assertThat(broker.process()).isEmpty();

        broker.restart();

        try (Admin admin = Clients.admin(broker.bootstrap())) {
            assertThat(admin.describeCluster().nodes().get(Clients.DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                    .hasSize(1);
        }
    }

    @Test
    @Order(3)
    void stopLeavesNoChildProcess() {
        ProcessHandle child = broker.process().orElseThrow();

        broker.stop();

        assertThat(child.isAlive()).isFalse();
        assertThat(broker.process()).isEmpty();
        assertThat(ProcessHandle.current().descendants()).noneMatch(this::isThisBroker);

        broker.stop();
        broker.close();
        assertThat(broker.process()).isEmpty();
    }

    private boolean isThisBroker(ProcessHandle process) {
        return process.isAlive() && BrokerLauncher.isBrokerOf(process, BrokerDirectory.open(broker.directory()));
    }
}
