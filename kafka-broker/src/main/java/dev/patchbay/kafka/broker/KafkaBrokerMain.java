package dev.patchbay.kafka.broker;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts and stops a detached broker for scripts ({@code bench/scripts/kafka-broker.sh}).
 *
 * <ul>
 *   <li>{@code start DIR}: starts a broker in DIR that outlives this command (its pid in {@code DIR/broker.pid}),
 *       waits until it answers, and prints {@code bootstrap=HOST:PORT} as its last line; if one already runs
 *       there, prints its bootstrap.</li>
 *   <li>{@code stop DIR}: stops it (SIGTERM, then SIGKILL past 60 s) and removes the pid file.</li>
 * </ul>
 *
 * <p>Exit codes: 0 done, 1 the broker failed to start or stop, 2 bad arguments.
 */
public final class KafkaBrokerMain {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final String USAGE_TEXT = "usage: KafkaBrokerMain start|stop DIR";

    private KafkaBrokerMain() {
    }

    /**
     * @param args {@code start DIR} or {@code stop DIR}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !(args[0].equals("start") || args[0].equals("stop"))) {
            err.println("kafka-broker: expected start or stop and a directory, got " + String.join(" ", args));
            err.println(USAGE_TEXT);
            return USAGE;
        }
        Path directory = Path.of(args[1]).toAbsolutePath().normalize();
        try {
            if (args[0].equals("start")) {
                DetachedBroker.Started started = DetachedBroker.start(directory);
                out.println((started.already() ? "a Kafka broker was already running in " : "started a Kafka broker in ")
                        + directory + " (pid " + started.pid() + ", log " + directory.resolve("broker.log") + ")");
                out.println("bootstrap=" + started.bootstrap());
            } else {
                Optional<Long> stopped = DetachedBroker.stop(directory);
                out.println(stopped.map(pid -> "stopped the Kafka broker in " + directory + " (pid " + pid + ")")
                        .orElse("no Kafka broker was running in " + directory + "; nothing to stop"));
            }
            return OK;
        } catch (RuntimeException e) {
            err.println("kafka-broker: " + args[0] + " failed: " + e.getMessage());
            return FAILED;
        }
    }
}
