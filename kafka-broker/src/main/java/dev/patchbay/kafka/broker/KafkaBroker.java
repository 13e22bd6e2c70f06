package dev.patchbay.kafka.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one process) in a child JVM, listening on
 * loopback. The directory keeps its data, cluster id and ports, so {@link #restart()} and a later {@link #start}
 * in the same directory find what was written before, on the same address.
 *
 * <p>The child never outlives this JVM: it exits when its standard input ends, which the operating system does
 * when this JVM dies, however it dies; a normal exit also stops it from a shutdown hook.
 *
 * <p>Thread-safe: the lifecycle methods are serialised on the instance.
 */
public final class KafkaBroker implements AutoCloseable {

    /** How long {@link #start}, {@link #restart()} and {@link #createTopic} wait for the broker. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final int LOG_LINES = 30;

    private final BrokerDirectory directory;
    private final BrokerPorts ports;
    private final boolean attached;
    private final Duration startTimeout;
    private Process process;
    private Thread shutdownHook;

    private KafkaBroker(BrokerDirectory directory, boolean attached, Duration startTimeout) {
        this.directory = directory;
        this.ports = directory.ports();
        this.attached = attached;
        this.startTimeout = startTimeout;
    }

    /**
     * Starts the broker in {@code directory} (created if absent, formatted on first use) and returns once it
     * answers an AdminClient.
     *
     * @param directory the broker's own directory: data, configuration and {@code broker.log}
     * @return the running broker
     * @throws KafkaBrokerException if the directory is unusable, or the broker died or did not answer within
     *     {@link #START_TIMEOUT}; the message quotes the end of its log
     */
    public static KafkaBroker start(Path directory) {
        return launch(directory, true, START_TIMEOUT);
    }

    /** {@link #start} with another deadline for the first answer; for the test of a start that passes it. */
    static KafkaBroker start(Path directory, Duration startTimeout) {
        return launch(directory, true, startTimeout);
    }

    /** A broker that survives this JVM ({@link KafkaBrokerMain start}): no input watch, no shutdown hook. */
    static KafkaBroker startDetached(Path directory) {
        return launch(directory, false, START_TIMEOUT);
    }

    private static KafkaBroker launch(Path directory, boolean attached, Duration startTimeout) {
        Objects.requireNonNull(directory, "directory");
        KafkaBroker broker = new KafkaBroker(BrokerDirectory.open(directory), attached, startTimeout);
        synchronized (broker) {
            broker.launch();
        }
        return broker;
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}; the same across restarts. */
    public String bootstrap() {
        return ports.bootstrap();
    }

    /** The broker's directory, as an absolute path. */
    public Path directory() {
        return directory.root();
    }

    /**
     * Creates a topic with one replica and waits until every partition has a leader. A topic of that name that
     * exists with the same partition count is accepted; with another count it is an error.
     *
     * @param topic the topic name
     * @param partitions its partition count, at least 1
     */
    public void createTopic(String topic, int partitions) {
        Objects.requireNonNull(topic, "topic");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic '" + topic + "' needs at least 1 partition, got " + partitions);
        }
        BrokerAdmin.createTopic(bootstrap(), topic, partitions, START_TIMEOUT);
    }

    /**
     * Stops the broker gracefully (SIGTERM, so Kafka shuts down cleanly) and waits until its JVM has ended; kills
     * it past {@link ProcessStop#GRACE}. Does nothing if it is not running.
     */
    public synchronized void stop() {
        Optional<Process> running = detach();
        running.ifPresent(p -> ProcessStop.gracefully(p.toHandle(), ProcessStop.GRACE, what()));
    }

    /** Kills the broker's JVM at once (kill -9), as a crash would, and waits until it has ended. */
    public synchronized void kill() {
        Optional<Process> running = detach();
        running.ifPresent(p -> ProcessStop.forcibly(p.toHandle(), what()));
    }

    /**
     * Stops the broker (if running) and starts it again on the same ports and data, returning once it answers.
     *
     * @throws KafkaBrokerException as {@link #start} does
     */
    public synchronized void restart() {
        stop();
        launch();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The current JVM of the broker, if it is running. */
    synchronized Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    private void launch() {
        Process started = BrokerLauncher.launch(directory, ports, attached);
        process = started;
        if (!attached) {
            // Written before the wait, so that a launcher killed meanwhile leaves a broker that `stop` can find.
            directory.write(directory.pidFile(), started.pid() + "\n");
        }
        if (attached) {
            shutdownHook = new Thread(() -> ProcessStop.gracefully(started.toHandle(), Duration.ofSeconds(30), what()),
                    "patchbay-kafka-broker-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        String problem;
        try {
            problem = BrokerAdmin.awaitAnswer(bootstrap(), started, startTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new KafkaBrokerException("interrupted while waiting for " + what() + " to answer; it was killed", e);
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
        if (!problem.isEmpty()) {
            kill();
            throw new KafkaBrokerException(what() + " did not start: " + problem + ". Last lines of "
                    + directory.log() + ":\n" + directory.tail(LOG_LINES));
        }
    }

    private Optional<Process> detach() {
        Optional<Process> running = Optional.ofNullable(process);
        process = null;
        if (!attached) {
            directory.deletePidFile();
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already exiting, so the hook is running or has run: it stops the same process.
            }
            shutdownHook = null;
        }
        return running;
    }

    private String what() {
        return "the Kafka broker in " + directory.root() + " (" + bootstrap() + ")";
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrap() + ", " + directory.root() + "]";
    }
}
