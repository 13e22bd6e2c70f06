package dev.patchbay.bench.kafka;

import dev.patchbay.bench.driver.ProcessRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kafka's own command-line tools from {@code org.apache.kafka:kafka-tools} (class path resolved by Maven from
 * {@code bench/kafka-tools/pom.xml}), each run as its own JVM with the heap Kafka's scripts give the perf tools
 * ({@code -Xmx512M}): the two contenders, ProducerPerformance and ConsumerPerformance, and TopicCommand and
 * GetOffsetShell to set up and check the topics.
 */
final class KafkaTools {

    private final String java;
    private final String classPath;
    private final String bootstrap;
    private final Path scratch;

    KafkaTools(String java, String classPath, String bootstrap, Path scratch) {
        this.java = java;
        this.classPath = classPath;
        this.bootstrap = bootstrap;
        this.scratch = scratch;
    }

    /** ProducerPerformance with kafka/sink's producer guarantees: acks=all, idempotence on. */
    List<String> producerPerformance(String topic, long records, Path payload) {
        return tool("org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records",
                Long.toString(records), "--throughput", "-1", "--payload-file", payload.toString(),
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true");
    }

    /** ConsumerPerformance in a fresh group, reading {@code records} from the start of the topic. */
    List<String> consumerPerformance(String topic, long records, String group) {
        return tool("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap, "--topic", topic,
                "--num-records", Long.toString(records), "--group", group, "--timeout", "60000");
    }

    void createTopic(String topic, int partitions) throws IOException, InterruptedException {
        run(tool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", bootstrap, "--create", "--topic", topic,
                "--partitions", Integer.toString(partitions), "--replication-factor", "1"));
    }

    void deleteTopic(String topic) throws IOException, InterruptedException {
        run(tool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", bootstrap, "--delete", "--topic",
                topic));
    }

    /** The sum of the topic's partitions' end offsets: the records it holds (nothing is compacted or deleted). */
    long records(String topic) throws IOException, InterruptedException {
        String out = run(tool("org.apache.kafka.tools.GetOffsetShell", "--bootstrap-server", bootstrap, "--topic",
                topic)).stdout();
        return endOffsets(out, topic);
    }

    /** Parses GetOffsetShell's {@code topic:partition:offset} lines. */
    static long endOffsets(String out, String topic) {
        long sum = 0;
        int partitions = 0;
        for (String line : out.lines().map(String::strip).toList()) {
            if (line.startsWith(topic + ":")) {
                String[] parts = line.split(":");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("GetOffsetShell printed '" + line + "', expected"
                            + " topic:partition:offset");
                }
                sum += Long.parseLong(parts[2]);
                partitions++;
            }
        }
        if (partitions == 0) {
            throw new IllegalArgumentException("GetOffsetShell printed no partition of '" + topic + "':\n" + out);
        }
        return sum;
    }

    ProcessRun run(List<String> command) throws IOException, InterruptedException {
        return ProcessRun.run(command, Map.of(), scratch);
    }

    private List<String> tool(String main, String... args) {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512M", "-cp", classPath, main));
        command.addAll(List.of(args));
        return command;
    }
}
