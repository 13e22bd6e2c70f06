package dev.patchbay.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void aDirectoryThatIsAFileIsRefusedWithItsPathAndTheFix() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> BrokerDirectory.open(file))
                .isInstanceOf(KafkaBrokerException.class)
                .hasMessageContaining("'" + file + "' is a file, not a directory")
                .hasMessageContaining("pass a directory");
    }

    @Test
    void theClusterIdIsMadeOnceAndKept() {
        String first = BrokerDirectory.open(temp.resolve("b")).clusterId();
        String second = BrokerDirectory.open(temp.resolve("b")).clusterId();

        assertThat(first).hasSize(22).doesNotStartWith("-").isEqualTo(second);
    }

    @Test
    void aDamagedClusterIdIsQuotedWithTheFix() throws IOException {
        BrokerDirectory directory = BrokerDirectory.open(temp.resolve("b"));
        Files.writeString(directory.root().resolve("cluster.id"), "nonsense\n");

        assertThatThrownBy(directory::clusterId)
                .hasMessageContaining("is 'nonsense', not a Kafka cluster id")
                .hasMessageContaining("delete the directory " + directory.root());
    }

    @Test
    void thePortsAreChosenOnceAndKept() {
        BrokerPorts first = BrokerDirectory.open(temp.resolve("b")).ports();
        BrokerPorts second = BrokerDirectory.open(temp.resolve("b")).ports();

        assertThat(second).isEqualTo(first);
        assertThat(first.broker()).isNotEqualTo(first.controller());
    }

    @Test
    void aDamagedPortsFileIsQuotedWithTheFix() throws IOException {
        BrokerDirectory directory = BrokerDirectory.open(temp.resolve("b"));
        Files.writeString(directory.root().resolve("ports.properties"), "broker=abc\ncontroller=9093\n");

        assertThatThrownBy(directory::ports)
                .hasMessageContaining("the broker port in '" + directory.root().resolve("ports.properties") + "'")
                .hasMessageContaining("is 'abc', not a number");
    }

    @Test
    void theTailIsTheLastLinesOfTheLog() throws IOException {
        BrokerDirectory directory = BrokerDirectory.open(temp.resolve("b"));
        Files.writeString(directory.log(), IntStream.rangeClosed(1, 5000).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n", "", "\n")));

        assertThat(directory.tail(3)).isEqualTo("line 4998\nline 4999\nline 5000");
    }

    @Test
    void theTailOfAMissingLogSaysSo() {
        BrokerDirectory directory = BrokerDirectory.open(temp.resolve("b"));

        assertThat(directory.tail(3)).isEqualTo("(no broker log at " + directory.log() + ")");
    }

    @Test
    void formattedMeansTheDataFolderHasMetaProperties() throws IOException {
        BrokerDirectory directory = BrokerDirectory.open(temp.resolve("b"));
        assertThat(directory.formatted()).isFalse();

        Files.writeString(directory.data().resolve("meta.properties"), "version=1\n");

        assertThat(directory.formatted()).isTrue();
    }
}
