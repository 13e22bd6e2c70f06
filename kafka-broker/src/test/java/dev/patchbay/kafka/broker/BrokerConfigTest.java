package dev.patchbay.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrokerConfigTest {

    private static final BrokerPorts PORTS = new BrokerPorts(19092, 19093);

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            process.roles                                    | broker,controller
            node.id                                          | 1
            listeners                                        | PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093
            advertised.listeners                             | PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093
            controller.quorum.bootstrap.servers              | 127.0.0.1:19093
            controller.listener.names                        | CONTROLLER
            num.partitions                                   | 4
            auto.create.topics.enable                        | true
            offsets.topic.replication.factor                 | 1
            offsets.topic.num.partitions                     | 4
            transaction.state.log.replication.factor         | 1
            transaction.state.log.min.isr                    | 1
            share.coordinator.state.topic.replication.factor | 1
            share.coordinator.state.topic.min.isr            | 1
            group.initial.rebalance.delay.ms                 | 0
            """)
    void serverPropertiesSetsWhatASingleLoopbackNodeNeeds(String key, String value) throws IOException {
        assertThat(serverProperties().getProperty(key)).isEqualTo(value);
    }

    @Test
    void logDirsIsTheDirectorysDataFolder() throws IOException {
        assertThat(Path.of(serverProperties().getProperty("log.dirs")))
                .isEqualTo(temp.resolve("broker").toAbsolutePath().resolve("data"));
    }

    @Test
    void log4jSendsEverythingToStandardOutputAtWarn() throws IOException {
        Properties log4j = new Properties();
        log4j.load(new StringReader(BrokerConfig.log4j()));
        assertThat(log4j.getProperty("rootLogger.level")).isEqualTo("WARN");
        assertThat(log4j.getProperty("appender.out.target")).isEqualTo("SYSTEM_OUT");
        assertThat(log4j.getProperty("logger.raft.name")).isEqualTo("kafka.server.KafkaRaftServer");
        assertThat(log4j.getProperty("logger.raft.level")).isEqualTo("INFO");
    }

    private Properties serverProperties() throws IOException {
        Properties properties = new Properties();
        BrokerDirectory directory = BrokerDirectory.open(temp.resolve("broker"));
        properties.load(new StringReader(BrokerConfig.serverProperties(PORTS, directory)));
        return properties;
    }
}
