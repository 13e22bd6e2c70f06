package dev.patchbay.kafka.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.common.Uuid;

/**
 * The files of one broker in its directory. The cluster id and the ports are chosen once and kept there, so that a
 * restart (or a later start in the same directory) finds the data it formatted and the controller address that the
 * quorum's voter set recorded.
 */
final class BrokerDirectory {

    private static final int TAIL_BYTES = 16 * 1024;
    private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final Path root;

    private BrokerDirectory(Path root) {
        this.root = root;
    }

    /** Checks that {@code directory} is a directory or absent, and creates it and its data folder. */
    static BrokerDirectory open(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new KafkaBrokerException("Kafka broker directory '" + root + "' is a file, not a directory;"
                    + " pass a directory, or a path that does not exist yet (it is created)");
        }
        BrokerDirectory broker = new BrokerDirectory(root);
        try {
            Files.createDirectories(broker.data());
        } catch (IOException e) {
            throw new KafkaBrokerException("cannot create the Kafka broker directory '" + broker.data() + "': " + e, e);
        }
        return broker;
    }

    Path root() {
        return root;
    }

    /** The broker's {@code log.dirs}, which the format writes {@code meta.properties} into. */
    Path data() {
        return root.resolve("data");
    }

    Path serverProperties() {
        return root.resolve("server.properties");
    }

    Path log4jConfig() {
        return root.resolve("log4j2.properties");
    }

    /** The java argument file with the child's class path. */
    Path javaArguments() {
        return root.resolve("java.args");
    }

    /** The child's standard output and error, which is also where its log4j2 output goes. */
    Path log() {
        return root.resolve("broker.log");
    }

    /** The pid of a detached broker ({@link KafkaBrokerMain}); absent for a broker a JVM owns. */
    Path pidFile() {
        return root.resolve("broker.pid");
    }

    void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the pid file '" + pidFile() + "': " + e.getMessage(), e);
        }
    }

    boolean formatted() {
        return Files.exists(data().resolve("meta.properties"));
    }

    /** The cluster id kept in {@code cluster.id}, made on first use. */
    String clusterId() {
        Path file = root.resolve("cluster.id");
        if (Files.exists(file)) {
            String id = read(file).strip();
            if (!CLUSTER_ID.matcher(id).matches()) {
                throw new KafkaBrokerException("the cluster id in '" + file + "' is '" + id + "', not a Kafka cluster"
                        + " id (22 characters of URL-safe base64); delete the directory " + root + " to start afresh");
            }
            return id;
        }
        // Kafka's own generator: it never starts an id with '-', which the storage tool would read as an option.
        String id = Uuid.randomUuid().toString();
        write(file, id + "\n");
        return id;
    }

    /** The ports kept in {@code ports.properties}, chosen free on first use. */
    BrokerPorts ports() {
        Path file = root.resolve("ports.properties");
        if (Files.exists(file)) {
            Properties kept = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                kept.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the broker ports file '" + file + "': " + e.getMessage(), e);
            }
            return new BrokerPorts(port(file, kept, "broker"), port(file, kept, "controller"));
        }
        BrokerPorts ports = BrokerPorts.pickFree();
        Properties kept = new Properties();
        kept.setProperty("broker", Integer.toString(ports.broker()));
        kept.setProperty("controller", Integer.toString(ports.controller()));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            kept.store(writer, "Ports of the Kafka broker in this directory, kept across restarts");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker ports file '" + file + "': " + e.getMessage(), e);
        }
        return ports;
    }

    /** The last {@code count} lines of the broker log, or a note saying why there are none. */
    String tail(int count) {
        Path log = log();
        if (!Files.exists(log)) {
            return "(no broker log at " + log + ")";
        }
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            long start = Math.max(0, channel.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
            channel.position(start);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // reads until the buffer is full or the file ends
            }
            List<String> lines = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)
                    .lines().toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
            return last.isEmpty() ? "(the broker log " + log + " is empty)" : String.join("\n", last);
        } catch (IOException e) {
            return "(cannot read the broker log " + log + ": " + e + ")";
        }
    }

    void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write '" + file + "': " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + file + "': " + e.getMessage(), e);
        }
    }

    private static int port(Path file, Properties kept, String name) {
        String value = kept.getProperty(name, "");
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new KafkaBrokerException("the " + name + " port in '" + file + "' is '" + value + "', not a number;"
                    + " fix it or delete the file to choose new ports", e);
        }
    }
}
