package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, sections 2 and 3: {@code kill -9} of one of three hosts mid-run. Its partitions move to the other two
 * once the group's session timeout has passed; nothing is lost; and what is delivered twice is exactly what the
 * killed host had written past the group's committed offsets (read from the group right after the kill), which
 * README bounds by one commit interval of records plus one batch and one poll.
 */
class KafkaKillIT extends KafkaScenario {

    private static final int PARTITIONS = 12;
    private static final long COUNT = 300_000;
    /** Slow enough that the run lasts well past the kill and the partitions' move. */
    private static final long RATE = 10_000;
    /** Past the session timeout: a heartbeat interval for the survivors to hear of the rebalance, and its round. */
    private static final long MOVE_SLACK_MILLIS = 4_000;

    @Test
    void theKilledHostsPartitionsMoveWithinTheSessionTimeoutAndOnlyItsUncommittedRecordsRepeat() throws Exception {
        input = KafkaInput.create("kill", PARTITIONS);
        hosts("", KafkaBounds.pipeline(RATE));
        KafkaHosts.Host victim = hosts.start();
        KafkaHosts.Host second = hosts.start();
        KafkaHosts.Host third = hosts.start();
        List<KafkaHosts.Host> all = List.of(victim, second, third);
        List<KafkaHosts.Host> survivors = List.of(second, third);
        hosts.await("every host holds some partitions", all, () -> KafkaShares.cover(all, PARTITIONS));
        // Produced once the group is settled: each host reads its share at the rate limit, so the kill below
        // lands in the middle of the killed host's partitions.
        input.produce(COUNT);
        // Killed once the group has committed some of its records and it has written well past that.
        hosts.await("the host to kill is well into its partitions", all,
                () -> KafkaOutputs.completeLines(victim.output()) >= 20_000
                        && !input.committedOffsets().isEmpty());
        Set<Integer> victims = victim.partitions();

        long killed = System.nanoTime();
        victim.serve.jvm().destroyForcibly();
        Patchbay.Result end = victim.serve.await(60);
        assertThat(end.exitCode()).as("the killed host: %s", end).isNotZero();
        // Nobody commits the killed host's partitions until the group moves them, a session timeout from now.
        Map<Integer, Long> committedAtKill = input.committedOffsets();
        List<KafkaOutputs.Line> victimLines = KafkaOutputs.read(victim.output());
        long uncommitted = KafkaOutputs.pastCommitted(victimLines, committedAtKill);

        hosts.await("the two others hold every partition", survivors, () -> KafkaShares.cover(survivors, PARTITIONS));
        long moveMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        System.out.printf("kafka kill: host 1 held %s, killed after %d lines, %d of them past the group's offsets;"
                + " its partitions moved in %d ms (session timeout %d ms)%n", victims, victimLines.size(), uncommitted,
                moveMillis, KafkaBounds.SESSION_TIMEOUT_MILLIS);
        hosts.await("the group has committed every record", survivors, () -> input.committedAll(COUNT));
        KafkaHosts.stopGracefully(survivors);

        List<List<KafkaOutputs.Line>> outputs = new ArrayList<>();
        outputs.add(victimLines);
        for (KafkaHosts.Host host : survivors) {
            outputs.add(KafkaOutputs.read(host.output()));
        }
        KafkaOutputs.Tally tally = KafkaOutputs.Tally.of(COUNT, outputs);
        long bound = KafkaBounds.perHost(RATE);
        System.out.printf("kafka kill: group offsets at the kill %s; %d duplicates (bound %d)%n", committedAtKill,
                tally.duplicates(), bound);
        assertThat(tally.missing()).as("records missing from every output (first: id %d)", tally.firstMissing())
                .isZero();
        assertThat(moveMillis).as("the killed host's partitions moved within the session timeout and one round")
                .isLessThanOrEqualTo(KafkaBounds.SESSION_TIMEOUT_MILLIS + MOVE_SLACK_MILLIS);
        assertThat(uncommitted).as("what the killed host wrote past the group's offsets, README's bound")
                .isLessThanOrEqualTo(bound);
        assertThat(tally.duplicates()).as("records delivered twice: what the killed host wrote past the group's"
                + " offsets, nothing else").isEqualTo(uncommitted);
        assertThat(tally.maxCopies()).isLessThanOrEqualTo(2);
    }
}
