package dev.patchbay.kafka.broker;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;

/**
 * Ends the broker's JVM when the JVM that started it is gone. The parent holds the write end of the child's standard
 * input and never writes; the operating system closes it when the parent dies, however it dies (kill -9 included),
 * and the child then reads end of file.
 */
final class ParentWatch {

    static final String THREAD_NAME = "patchbay-kafka-broker-parent-watch";
    static final String GUARD_NAME = "patchbay-kafka-broker-exit-guard";

    private ParentWatch() {
    }

    /**
     * Starts a daemon thread that reads {@code in} to its end (or to a read error, which means the same: nobody is
     * at the other end) and then runs {@code whenGone}.
     */
    static Thread start(InputStream in, Runnable whenGone) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(whenGone, "whenGone");
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // the parent writes nothing; whatever arrives is ignored
                }
            } catch (IOException e) {
                System.err.println("patchbay: standard input failed (" + e + "); taking the parent as gone");
            }
            whenGone.run();
        }, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Exits the JVM through its shutdown hooks (Kafka's shuts the broker down cleanly), and halts it if the hooks
     * have not finished within {@code grace}, so that a hung shutdown cannot leave an orphan broker behind.
     */
    static void exitJvm(Duration grace) {
        System.err.println("patchbay: the parent JVM is gone (standard input closed); stopping the broker");
        Thread guard = new Thread(() -> {
            try {
                Thread.sleep(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.err.println("patchbay: the broker did not stop within " + grace.toSeconds() + " s; halting");
            Runtime.getRuntime().halt(1);
        }, GUARD_NAME);
        guard.setDaemon(true);
        guard.start();
        System.exit(0);
    }
}
