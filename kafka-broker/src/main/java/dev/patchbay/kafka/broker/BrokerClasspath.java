package dev.patchbay.kafka.broker;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The class path of the broker's child JVM: the jars Maven resolved for the broker (written at build time into
 * {@value #RESOURCE}, next to this class), then this module's own classes for the {@link BrokerProcess} wrapper.
 */
final class BrokerClasspath {

    static final String RESOURCE = "broker-classpath.txt";
    private static final String REBUILD = "rebuild it with: mvn -pl kafka-broker -am package -DskipTests";

    private BrokerClasspath() {
    }

    static String resolve() {
        List<String> entries = new ArrayList<>();
        for (String entry : brokerJars().split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (!Files.exists(Path.of(entry))) {
                throw new KafkaBrokerException("the broker class path (" + RESOURCE + ") names '" + entry
                        + "', which does not exist; the local Maven repository changed since the build, " + REBUILD);
            }
            entries.add(entry);
        }
        entries.add(ownLocation().toString());
        return String.join(File.pathSeparator, entries);
    }

    private static String brokerJars() {
        try (InputStream in = BrokerClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new KafkaBrokerException("the resource dev/patchbay/kafka/broker/" + RESOURCE + " is missing from "
                        + ownLocation() + "; it is written by maven-dependency-plugin in generate-resources, " + REBUILD);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (text.isEmpty() || Arrays.stream(text.split(File.pathSeparator)).noneMatch(e -> e.contains("kafka_2.13"))) {
                throw new KafkaBrokerException("the broker class path " + RESOURCE + " in " + ownLocation()
                        + " has no kafka_2.13 jar; " + REBUILD);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + RESOURCE + " from " + ownLocation(), e);
        }
    }

    /** The jar or classes folder this class came from, which also holds {@link BrokerProcess}. */
    private static Path ownLocation() {
        CodeSource source = BrokerClasspath.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new KafkaBrokerException("cannot tell where " + BrokerClasspath.class.getName()
                    + " was loaded from, so the broker's wrapper class cannot be put on its class path");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new KafkaBrokerException("the code location '" + source.getLocation() + "' is not a file path", e);
        }
    }
}
