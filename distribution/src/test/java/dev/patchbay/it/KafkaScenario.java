package dev.patchbay.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every several-host Kafka scenario shares: a temporary folder for the hosts' homes and plugins, the input
 * topic, and the hosts, all of which are killed and closed after each test, passed or failed.
 */
abstract class KafkaScenario {

    @TempDir
    Path temp;

    KafkaInput input;
    KafkaHosts hosts;

    /** Hosts that share one configuration, with the distribution's plugins and the kafka zip. */
    KafkaHosts hosts(String processors, String pipeline) throws Exception {
        return hosts(KafkaHosts.plugins(temp.resolve("plugins")), processors, pipeline);
    }

    KafkaHosts hosts(Path plugins, String processors, String pipeline) throws Exception {
        hosts = new KafkaHosts(temp.resolve("homes"), KafkaHosts.config(plugins, input, KafkaBounds.PROPERTIES,
                processors, pipeline));
        return hosts;
    }

    @AfterEach
    void stopEverything() {
        if (hosts != null) {
            hosts.killAll();
        }
        if (input != null) {
            input.close();
        }
    }
}
