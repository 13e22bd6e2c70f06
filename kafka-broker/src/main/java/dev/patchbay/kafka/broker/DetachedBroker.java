package dev.patchbay.kafka.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A broker that outlives the JVM that started it, found again through the pid file in its directory. Used by
 * {@link KafkaBrokerMain} for scripts.
 */
final class DetachedBroker {

    private DetachedBroker() {
    }

    /** Starts a detached broker in {@code directory}, or finds the one already running there. */
    static Started start(Path directory) {
        BrokerDirectory files = BrokerDirectory.open(directory);
        Optional<ProcessHandle> running = running(files);
        if (running.isPresent()) {
            return new Started(files.ports().bootstrap(), running.get().pid(), true);
        }
        KafkaBroker broker = KafkaBroker.startDetached(directory);
        return new Started(broker.bootstrap(), broker.process().orElseThrow().pid(), false);
    }

    /**
     * Stops the detached broker of {@code directory} and removes its pid file.
     *
     * @return the pid it stopped, or empty if none was running (a stale pid file is removed)
     */
    static Optional<Long> stop(Path directory) {
        BrokerDirectory files = BrokerDirectory.open(directory);
        Optional<ProcessHandle> running = running(files);
        running.ifPresent(process -> ProcessStop.gracefully(process, ProcessStop.GRACE,
                "the Kafka broker in " + files.root()));
        files.deletePidFile();
        return running.map(ProcessHandle::pid);
    }

    /** The process named by the pid file, if it is alive and is this directory's broker (not a reused pid). */
    static Optional<ProcessHandle> running(BrokerDirectory files) {
        Path pidFile = files.pidFile();
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(pidFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pid file '" + pidFile + "': " + e.getMessage(), e);
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new KafkaBrokerException("the pid file '" + pidFile + "' holds '" + text + "', not a process id;"
                    + " delete it if no broker runs in " + files.root(), e);
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> BrokerLauncher.isBrokerOf(process, files));
    }

    /**
     * @param bootstrap the broker's {@code 127.0.0.1:PORT}
     * @param pid its process id
     * @param already whether it was running before this start
     */
    record Started(String bootstrap, long pid, boolean already) {
    }
}
