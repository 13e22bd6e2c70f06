package dev.patchbay.it;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** How the hosts of one group share a topic's partitions, as their status values show it. */
final class KafkaShares {

    private KafkaShares() {
    }

    /** True when every host holds some partitions, no partition is held twice, and all {@code partitions} are held. */
    static boolean cover(List<KafkaHosts.Host> hosts, int partitions) {
        Set<Integer> held = new HashSet<>();
        int total = 0;
        for (KafkaHosts.Host host : hosts) {
            Set<Integer> own = host.partitions();
            if (own.isEmpty()) {
                return false;
            }
            held.addAll(own);
            total += own.size();
        }
        return held.size() == partitions && total == partitions;
    }
}
