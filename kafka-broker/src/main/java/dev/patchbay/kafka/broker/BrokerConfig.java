package dev.patchbay.kafka.broker;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The text of the broker's {@code server.properties} and log4j2 configuration. */
final class BrokerConfig {

    private BrokerConfig() {
    }

    /** A combined broker and controller, node 1, on loopback, sized for a 2-core machine. */
    static String serverProperties(BrokerPorts ports, BrokerDirectory directory) {
        Objects.requireNonNull(ports, "ports");
        Map<String, String> config = new TreeMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.bootstrap.servers", ports.controllerAddress());
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listeners", "PLAINTEXT://" + ports.bootstrap() + ",CONTROLLER://" + ports.controllerAddress());
        config.put("advertised.listeners", "PLAINTEXT://" + ports.bootstrap() + ",CONTROLLER://" + ports.controllerAddress());
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", directory.data().toString());
        config.put("num.partitions", "4");
        config.put("auto.create.topics.enable", "true");
        config.put("default.replication.factor", "1");
        // The internal topics: one replica, and few partitions, so that the first consumer group is quick on 2 cores.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "4");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "4");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("share.coordinator.state.topic.num.partitions", "4");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "4");
        config.put("num.recovery.threads.per.data.dir", "1");
        return "# Written by dev.patchbay.kafka.broker.KafkaBroker at every start; edits are overwritten.\n"
                + config.entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + escape(entry.getValue()))
                        .collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * Everything to standard output (which the parent sends to {@code broker.log}), at WARN, with the server's
     * start and stop lines at INFO so that the log says how far a failed start got.
     */
    static String log4j() {
        return String.join("\n",
                "# Written by dev.patchbay.kafka.broker.KafkaBroker at every start; edits are overwritten.",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.target = SYSTEM_OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.out.ref = out",
                "logger.raft.name = kafka.server.KafkaRaftServer",
                "logger.raft.level = INFO",
                "logger.kafka.name = kafka.Kafka",
                "logger.kafka.level = INFO",
                "logger.storage.name = kafka.tools.StorageTool",
                "logger.storage.level = INFO",
                "");
    }

    /** Properties-file escaping for the only special character a path on Windows or Unix may carry here. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}
