package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, section 3, first scenario: three hosts with the same configuration share a 12-partition topic of one
 * million records through one consumer group. Every record reaches one of the sinks, every host holds some of
 * the partitions (as its {@code GET /pipelines} status shows), and what is delivered twice stays within README's
 * bound.
 */
class KafkaSharedTopicIT extends KafkaScenario {

    private static final int HOSTS = 3;
    private static final int PARTITIONS = 12;
    private static final long COUNT = 1_000_000;

    @Test
    void threeHostsShareTwelvePartitionsAndDeliverAMillionRecords() throws Exception {
        input = KafkaInput.create("shared", PARTITIONS);
        hosts("", KafkaBounds.PIPELINE);

        long started = System.nanoTime();
        for (int i = 0; i < HOSTS; i++) {
            hosts.start();
        }
        List<KafkaHosts.Host> all = hosts.hosts();
        // Each host reports its share; a host that joins later makes the group move partitions, so the shares
        // are read once the assignment covers the topic with every host holding some.
        hosts.await("every host holds some partitions and together they hold all " + PARTITIONS, all,
                () -> KafkaShares.cover(all, PARTITIONS));
        String shares = KafkaHosts.partitionsHeld(all);
        long assignedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        // Produced once the group is settled, so that every host reads its share from the start.
        long producing = System.nanoTime();
        input.produce(COUNT);
        hosts.await("the group has committed every record", all, () -> input.committedAll(COUNT));
        long deliveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - producing);
        KafkaHosts.stopGracefully(all);

        List<List<KafkaOutputs.Line>> outputs = new ArrayList<>();
        for (KafkaHosts.Host host : all) {
            List<KafkaOutputs.Line> lines = KafkaOutputs.read(host.output());
            assertThat(KafkaOutputs.partitions(lines)).as("%s wrote records of some partitions", host).isNotEmpty();
            outputs.add(lines);
        }
        KafkaOutputs.Tally tally = KafkaOutputs.Tally.of(COUNT, outputs);
        long bound = HOSTS * KafkaBounds.perHost();
        System.out.printf("kafka shared topic: %d hosts, shares %s %d ms after the first start, all %d committed %d ms"
                + " after production began, "
                + "records per host %s, %d duplicates (bound %d)%n", HOSTS, shares, assignedMillis, COUNT,
                deliveredMillis, outputs.stream().map(List::size).toList(), tally.duplicates(), bound);
        assertThat(tally.missing()).as("records missing from every output (first: id %d)", tally.firstMissing())
                .isZero();
        assertThat(tally.duplicates()).as("records delivered twice, within %d per host", KafkaBounds.perHost())
                .isLessThanOrEqualTo(bound);
    }
}
