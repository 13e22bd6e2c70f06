package dev.patchbay.kafka.broker;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The AdminClient calls the broker needs: has it started, and topic creation. Each call has a deadline. */
final class BrokerAdmin {

    private static final Duration CLOSE = Duration.ofSeconds(5);
    private static final long RETRY_PAUSE_MS = 50;

    private BrokerAdmin() {
    }

    /**
     * Waits until the broker at {@code bootstrap} answers describeCluster, the process ends, or {@code timeout}
     * passes.
     *
     * @return empty when the broker answered; otherwise what went wrong, for the caller's message
     */
    static String awaitAnswer(String bootstrap, Process process, Duration timeout) throws InterruptedException {
        // Closed with a deadline: close() without one waits for the pending describeCluster, up to its timeout.
        Admin admin = Admin.create(config(bootstrap, timeout, "patchbay-kafka-broker-probe"));
        try {
            CompletableFuture<Collection<Node>> nodes = admin
                    .describeCluster(new DescribeClusterOptions().timeoutMs(millis(timeout)))
                    .nodes().toCompletionStage().toCompletableFuture();
            try {
                CompletableFuture.anyOf(nodes, process.onExit())
                        .get(timeout.toMillis() + CLOSE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException && process.isAlive()) {
                    // The AdminClient's own deadline, which is the start deadline: its message names only the call.
                    return notInTime(bootstrap, timeout);
                }
                if (process.isAlive()) {
                    return "describeCluster on " + bootstrap + " failed: " + e.getCause();
                }
            } catch (TimeoutException e) {
                return notInTime(bootstrap, timeout);
            }
            if (!process.isAlive()) {
                return "the broker JVM (pid " + process.pid() + ") exited with code " + process.exitValue()
                        + " before it answered on " + bootstrap;
            }
            return nodes.getNow(List.of()).isEmpty() ? "describeCluster on " + bootstrap + " listed no node" : "";
        } finally {
            admin.close(CLOSE);
        }
    }

    private static String notInTime(String bootstrap, Duration timeout) {
        return "it did not answer describeCluster on " + bootstrap + " within " + timeout.toSeconds() + " s";
    }

    /** Creates {@code topic} and waits until every partition has a leader; an equal existing topic is accepted. */
    static void createTopic(String bootstrap, String topic, int partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Admin admin = Admin.create(config(bootstrap, timeout, "patchbay-kafka-broker-topics"));
        try {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new KafkaBrokerException("cannot create topic '" + topic + "' with " + partitions
                            + " partitions on " + bootstrap + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
            while (true) {
                Leaders leaders = leaders(admin, topic, remaining(deadline));
                if (leaders.all()) {
                    if (leaders.partitions() != partitions) {
                        throw new KafkaBrokerException("topic '" + topic + "' on " + bootstrap + " already exists"
                                + " with " + leaders.partitions() + " partitions, not " + partitions
                                + "; use another name");
                    }
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new KafkaBrokerException("topic '" + topic + "' on " + bootstrap + " has " + leaders.led()
                            + " of " + partitions + " partition leaders after " + timeout.toSeconds() + " s");
                }
                // The controller has the topic; this broker learns of it from the metadata log a moment later.
                Thread.sleep(RETRY_PAUSE_MS);
            }
        } catch (TimeoutException e) {
            throw new KafkaBrokerException("creating topic '" + topic + "' on " + bootstrap + " took longer than "
                    + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new KafkaBrokerException("cannot describe topic '" + topic + "' on " + bootstrap + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("interrupted while creating topic '" + topic + "' on " + bootstrap, e);
        } finally {
            admin.close(CLOSE);
        }
    }

    /** How many partitions {@code topic} has, as this broker sees it, and how many of them have a leader. */
    private record Leaders(int partitions, int led) {
        boolean all() {
            return partitions > 0 && led == partitions;
        }
    }

    private static Leaders leaders(Admin admin, String topic, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartitionInfo> all = described.get(topic).partitions();
            long led = all.stream().filter(p -> p.leader() != null && !p.leader().isEmpty()).count();
            return new Leaders(all.size(), (int) led);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return new Leaders(0, 0);
            }
            throw e;
        }
    }

    private static Properties config(String bootstrap, Duration timeout, String clientId) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(millis(timeout)));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(Math.min(millis(timeout), 10_000)));
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "100");
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        config.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        config.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "500");
        return config;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
