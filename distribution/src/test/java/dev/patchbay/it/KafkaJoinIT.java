package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, sections 2 and 3: a host added while two run takes partitions over, and the hosts that give them up
 * drain first: their source's revoke flushes everything emitted (through a processor that is slow, so records
 * are in flight when the group rebalances) and commits it before the partitions move. With nothing else failing,
 * no record is delivered twice.
 */
class KafkaJoinIT extends KafkaScenario {

    private static final int PARTITIONS = 12;
    private static final long COUNT = 300_000;
    /** 10 ms every 100 records: at most about 10,000 records per second through each host's processor. */
    private static final String PAUSE = "{ \"use\": \"pause/pause\", \"settings\": { \"pauseMillis\": 10,"
            + " \"everyRecords\": 100 } }";

    @Test
    void aHostThatJoinsTakesPartitionsOverAfterTheOthersDrainedWithNoDuplicates() throws Exception {
        input = KafkaInput.create("join", PARTITIONS);
        Path plugins = plugins();
        // No rate limit: the source outruns the slow processor, so the queues before it stay full.
        hosts(plugins, PAUSE, KafkaBounds.pipeline(0));
        KafkaHosts.Host first = hosts.start();
        KafkaHosts.Host second = hosts.start();
        List<KafkaHosts.Host> two = List.of(first, second);
        hosts.await("the first two hosts share the partitions", two, () -> KafkaShares.cover(two, PARTITIONS));
        input.produce(COUNT);
        hosts.await("both have written records", two, () -> KafkaOutputs.completeLines(first.output()) >= 5_000
                && KafkaOutputs.completeLines(second.output()) >= 5_000);
        long inFlight = first.pipeline().path("queuedRecords").asLong()
                + second.pipeline().path("queuedRecords").asLong();

        long joining = System.nanoTime();
        KafkaHosts.Host third = hosts.start();
        List<KafkaHosts.Host> all = List.of(first, second, third);
        hosts.await("the third host holds partitions too", all, () -> KafkaShares.cover(all, PARTITIONS));
        long joinMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - joining);
        String shares = KafkaHosts.partitionsHeld(all);
        long writtenAtJoin = KafkaOutputs.completeLines(first.output())
                + KafkaOutputs.completeLines(second.output());
        assertThat(writtenAtJoin).as("the join came mid-run").isLessThan(COUNT);
        hosts.await("the group has committed every record", all, () -> input.committedAll(COUNT));
        KafkaHosts.stopGracefully(all);

        List<List<KafkaOutputs.Line>> outputs = new ArrayList<>();
        for (KafkaHosts.Host host : all) {
            outputs.add(KafkaOutputs.read(host.output()));
        }
        KafkaOutputs.Tally tally = KafkaOutputs.Tally.of(COUNT, outputs);
        System.out.printf("kafka join: %d records queued in the two hosts when the third started; it held"
                + " partitions %d ms later (JVM start included): %s; records per host %s, %d duplicates%n", inFlight,
                joinMillis, shares, outputs.stream().map(List::size).toList(),
                tally.duplicates());
        assertThat(inFlight).as("records were in flight behind the slow processor when the group rebalanced")
                .isPositive();
        assertThat(KafkaOutputs.partitions(outputs.get(2))).as("the third host wrote records of its partitions")
                .isNotEmpty();
        assertThat(tally.missing()).as("records missing from every output (first: id %d)", tally.firstMissing())
                .isZero();
        assertThat(tally.duplicates()).as("records delivered twice across a graceful hand-over").isZero();
    }

    /** The distribution's plugins, the kafka zip and the pause plugin, built now, in a folder the hosts share. */
    private Path plugins() throws Exception {
        Path plugins = KafkaHosts.plugins(temp.resolve("plugins"));
        PausePlugin.build(temp.resolve("pause"), plugins);
        return plugins;
    }
}
