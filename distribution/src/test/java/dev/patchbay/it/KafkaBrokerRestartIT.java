package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, section 3: the broker restarts (stopped gracefully, started again on the same port and data) while a
 * host reads. The host does not fail; its pipeline may be restarted by its supervision policy
 * ({@code "restart": {"policy": "on-failure"}}), which the test reports; every record is delivered afterwards,
 * and what is delivered twice stays within README's bound for each time the host lost its place: the first
 * outage, and each pipeline restart.
 *
 * <p>This restarts the JVM's shared broker: it comes back on the same port with the same topics, so the tests
 * that run after this one see no difference beyond their topics' creation.
 */
class KafkaBrokerRestartIT extends KafkaScenario {

    private static final int PARTITIONS = 4;
    private static final long COUNT = 200_000;
    private static final long RATE = 10_000;

    @Test
    void aHostReadingThroughABrokerRestartDeliversEveryRecordWithinTheBound() throws Exception {
        input = KafkaInput.create("restart", PARTITIONS);
        hosts("", KafkaBounds.pipeline(RATE) + ", \"restart\": { \"policy\": \"on-failure\","
                + " \"maxRestarts\": 20, \"initialBackoffMillis\": 500, \"maxBackoffMillis\": 5000 }");
        KafkaHosts.Host host = hosts.start();
        List<KafkaHosts.Host> one = List.of(host);
        hosts.await("the host holds every partition", one, () -> host.partitions().size() == PARTITIONS);
        input.produce(COUNT);
        hosts.await("the host is well into the topic", one,
                () -> KafkaOutputs.completeLines(host.output()) >= COUNT / 5);

        long restarting = System.nanoTime();
        input.broker().restart();
        long restartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarting);
        long linesAtRestart = KafkaOutputs.completeLines(host.output());
        hosts.await("the group has committed every record", one, () -> input.committedAll(COUNT));
        long recoveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarting);
        JsonNode pipeline = host.pipeline();
        int restarts = pipeline.path("restarts").asInt();
        String state = pipeline.path("state").asText();
        KafkaHosts.stopGracefully(one);

        KafkaOutputs.Tally tally = KafkaOutputs.Tally.of(COUNT, List.of(KafkaOutputs.read(host.output())));
        long bound = (1 + restarts) * KafkaBounds.perHost(RATE);
        String log = Files.readString(host.log(), StandardCharsets.UTF_8);
        System.out.printf("kafka broker restart: broker down and back in %d ms after %d lines; every record"
                + " committed %d ms after the restart began; pipeline %s with %d restarts, %d WARN and %d ERROR"
                + " log lines; %d duplicates (bound %d)%n", restartMillis, linesAtRestart, recoveredMillis, state,
                restarts, log.lines().filter(l -> l.contains(" WARN ")).count(),
                log.lines().filter(l -> l.contains(" ERROR ")).count(), tally.duplicates(), bound);
        // What the host said about the outage, one line per kind (the text before its first digit or quote).
        log.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).map(l -> l.substring(l.indexOf(" - ")
                + 3)).collect(Collectors.toMap(l -> l.split("[0-9'\"]", 2)[0], l -> l, (a, b) -> a,
                        LinkedHashMap::new)).values().forEach(l -> System.out.println("  logged: "
                                + l.substring(0, Math.min(l.length(), 300))));
        assertThat(state).as("the pipeline runs after the broker came back").isEqualTo("RUNNING");
        assertThat(tally.missing()).as("records missing from the output (first: id %d)", tally.firstMissing())
                .isZero();
        assertThat(tally.duplicates()).as("records delivered twice, within the bound once per lost place")
                .isLessThanOrEqualTo(bound);
    }
}
