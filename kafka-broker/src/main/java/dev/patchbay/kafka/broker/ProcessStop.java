package dev.patchbay.kafka.broker;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends a broker process: SIGTERM, then SIGKILL past a deadline. */
final class ProcessStop {

    static final Duration GRACE = Duration.ofSeconds(60);
    static final Duration AFTER_KILL = Duration.ofSeconds(20);

    private ProcessStop() {
    }

    /** Asks the process to stop (Kafka shuts down cleanly on SIGTERM) and kills it if it has not ended in time. */
    static void gracefully(ProcessHandle process, Duration grace, String what) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(process, grace, what)) {
            System.err.println("patchbay: " + what + " (pid " + process.pid() + ") did not stop within "
                    + grace.toSeconds() + " s of SIGTERM; killing it");
            forcibly(process, what);
        }
    }

    /** kill -9, and waits until the process is gone. */
    static void forcibly(ProcessHandle process, String what) {
        process.destroyForcibly();
        if (!awaitExit(process, AFTER_KILL, what)) {
            throw new KafkaBrokerException(what + " (pid " + process.pid() + ") is still alive "
                    + AFTER_KILL.toSeconds() + " s after SIGKILL; end it by hand with kill -9 " + process.pid());
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout, String what) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new KafkaBrokerException("cannot wait for " + what + " (pid " + process.pid() + ") to end", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new KafkaBrokerException("interrupted while waiting for " + what + " (pid " + process.pid()
                    + ") to end; it was sent SIGKILL", e);
        }
    }
}
