package dev.patchbay.kafka.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One broker for every test of a module run (one test JVM): starting a broker takes 10 to 20 s on two cores, so tests
 * share it and keep apart by topic and group names.
 *
 * <p>The first {@link #get()} starts it in {@value #DIRECTORY_PROPERTY} if that system property is set, else in
 * {@code target/kafka-broker} under the working directory (Surefire runs in the module's directory), deleting what a
 * previous run left there. It is stopped when the JVM exits (the broker's shutdown hook), and dies with the JVM
 * if the JVM is killed. Tests must not stop or restart it: a scenario that does starts a {@link KafkaBroker} of its
 * own.
 *
 * <p>Thread-safe: concurrent first calls start one broker; a start that failed is retried by the next call.
 */
public final class SharedKafkaBroker {

    /** System property naming the shared broker's directory; default {@code target/kafka-broker}. */
    public static final String DIRECTORY_PROPERTY = "patchbay.kafka.broker.shared.dir";

    // The one piece of JVM-wide state: the point of this class is one broker per JVM.
    private static KafkaBroker shared;

    private SharedKafkaBroker() {
    }

    /**
     * The JVM's shared broker, started on first use.
     *
     * @return the running shared broker
     * @throws KafkaBrokerException if it cannot be started
     */
    public static synchronized KafkaBroker get() {
        if (shared == null) {
            Path directory = Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/kafka-broker"));
            deleteTree(directory.toAbsolutePath());
            shared = KafkaBroker.start(directory);
        }
        return shared;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the previous shared Kafka broker directory " + root
                    + " (is a broker of an earlier run still using it?): " + e.getMessage(), e);
        }
    }
}
