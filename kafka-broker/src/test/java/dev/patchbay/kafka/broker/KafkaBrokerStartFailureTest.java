package dev.patchbay.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerStartFailureTest {

    @TempDir
    Path temp;

    @Test
    void aDirectoryThatIsAFileIsNamedAndNoJvmStarts() throws IOException {
        Path file = Files.writeString(temp.resolve("broker"), "not a directory");
        long children = ProcessHandle.current().children().count();

        assertThatThrownBy(() -> KafkaBroker.start(file))
                .isInstanceOf(KafkaBrokerException.class)
                .hasMessageContaining("Kafka broker directory '" + file + "' is a file, not a directory");
        assertThat(ProcessHandle.current().children().count()).isEqualTo(children);
    }

    @Test
    void aPortInUseIsNamedBeforeAnyJvmStarts() throws IOException {
        Path directory = temp.resolve("broker");
        BrokerPorts ports = BrokerDirectory.open(directory).ports();
        try (ServerSocket taken = new ServerSocket(ports.broker(), 1, InetAddress.getByName(BrokerPorts.HOST))) {
            assertThat(taken.isBound()).isTrue();
            assertThatThrownBy(() -> KafkaBroker.start(directory))
                    .isInstanceOf(KafkaBrokerException.class)
                    .hasMessageContaining("the broker port 127.0.0.1:" + ports.broker())
                    .hasMessageContaining("is in use");
        }
    }

    @Test
    void aBrokerThatDiesOnStartIsReportedWithTheEndOfItsLog() throws IOException {
        Path directory = temp.resolve("broker");
        BrokerDirectory files = BrokerDirectory.open(directory);
        // Looks formatted, so no format runs, but Kafka refuses the file when it loads its log directories.
        Files.writeString(files.data().resolve("meta.properties"), "version=99\n");

        assertThatThrownBy(() -> KafkaBroker.start(directory))
                .isInstanceOf(KafkaBrokerException.class)
                .hasMessageContaining("the Kafka broker in " + files.root())
                .hasMessageContaining("exited with code 1 before it answered")
                .hasMessageContaining("Last lines of " + files.log())
                .hasMessageContaining("Unknown meta.properties version number 99");
        assertThat(ProcessHandle.current().descendants())
                .noneMatch(process -> process.isAlive() && BrokerLauncher.isBrokerOf(process, files));
    }

    @Test
    void aBrokerThatDoesNotAnswerInTimeIsKilledAndReportedWithTheEndOfItsLog() {
        Path directory = temp.resolve("broker");
        BrokerDirectory files = BrokerDirectory.open(directory);

        // No broker answers within 1 s of its JVM's start, even on an idle machine.
        assertThatThrownBy(() -> KafkaBroker.start(directory, Duration.ofSeconds(1)))
                .isInstanceOf(KafkaBrokerException.class)
                .hasMessageContaining("the Kafka broker in " + files.root())
                .hasMessageContaining("did not answer describeCluster on 127.0.0.1:")
                .hasMessageContaining("within 1 s")
                .hasMessageContaining("Last lines of " + files.log());
        assertThat(ProcessHandle.current().descendants())
                .noneMatch(process -> process.isAlive() && BrokerLauncher.isBrokerOf(process, files));
    }
}
