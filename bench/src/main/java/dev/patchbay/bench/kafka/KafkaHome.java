package dev.patchbay.bench.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One Patchbay host's installation for the Kafka benchmark: a plugins folder with the distribution's plugins and
 * the kafka plugin's zip (hard links; the zip once, whether or not the distribution already ships it), a state folder, an output file and a configuration, rewritten before every
 * run because each consumer run joins a fresh group. Homes are separate so that several hosts on one machine never
 * share a state folder (and its home lock).
 *
 * @param base the home's folder
 * @param plugins the plugins folder
 * @param config the configuration file, passed as {@code PATCHBAY_CONFIG}
 * @param state the state folder, emptied but for its cache before every run
 * @param output the files sink's output (consumer side), empty before every run
 */
record KafkaHome(Path base, Path plugins, Path config, Path state, Path output) {

    /** Lays out the home {@code name} under {@code work}; a plugins folder already laid out is kept. */
    static KafkaHome create(Path work, String name, Path distPlugins, Path kafkaZip) throws IOException {
        if (!Files.isRegularFile(kafkaZip)) {
            throw new IOException("the kafka plugin's archive " + kafkaZip + " does not exist; build it with: mvn -q"
                    + " -pl plugins/kafka -am package -DskipTests");
        }
        Path base = Files.createDirectories(work.resolve(name));
        Path plugins = base.resolve("plugins");
        if (!Files.isDirectory(plugins)) {
            Path building = Files.createDirectories(base.resolve("plugins.partial"));
            String zipName = kafkaZip.getFileName().toString();
            try (Stream<Path> entries = Files.list(distPlugins)) {
                for (Path entry : entries.toList()) {
                    String entryName = entry.getFileName().toString();
                    if (entryName.startsWith("patchbay-plugin-kafka-") && !entryName.equals(zipName)) {
                        throw new IOException("the distribution's plugins folder " + distPlugins + " has "
                                + entryName + " and the benchmark was given " + kafkaZip + ", two versions of plugin 'kafka';"
                                + " set KAFKA_ZIP to " + entry + " or rebuild dist/");
                    }
                    if (!entryName.equals(zipName)) {
                        linkTree(entry, building.resolve(entryName));
                    }
                }
            }
            Files.createLink(building.resolve(kafkaZip.getFileName().toString()), kafkaZip);
            Files.move(building, plugins);
        }
        return new KafkaHome(base, plugins, base.resolve("patchbay.json"), base.resolve("state"),
                base.resolve("out.jsonl"));
    }

    /** Writes the configuration of a consumer run: {@code kafka/source} in {@code group} to {@code files/jsonl-sink}. */
    void consumerRun(String bootstrap, String topic, String group) throws IOException {
        reset();
        write(config, """
                {
                  "plugins": {"directory": "%s", "enabled": [], "disabled": []},
                  "state": {"directory": "%s"},
                  "logging": {"format": "text", "level": "WARN"},
                  "pipelines": {
                    "consume": {
                      "source": {"use": "kafka/source", "settings": {"bootstrapServers": "%s", "groupId": "%s",
                                 "topics": ["%s"], "format": "json"}},
                      "sink": {"use": "files/jsonl-sink", "settings": {"path": "%s", "mode": "overwrite"}}
                    }
                  }
                }
                """.formatted(plugins, state, bootstrap, group, topic, output));
    }

    /** Writes the configuration of a producer run: {@code files/jsonl-source} of {@code input} to {@code kafka/sink}. */
    void producerRun(String bootstrap, Path input, String topic) throws IOException {
        reset();
        write(config, """
                {
                  "plugins": {"directory": "%s", "enabled": [], "disabled": []},
                  "state": {"directory": "%s"},
                  "logging": {"format": "text", "level": "WARN"},
                  "pipelines": {
                    "produce": {
                      "source": {"use": "files/jsonl-source", "settings": {"path": "%s"}},
                      "sink": {"use": "kafka/sink", "settings": {"bootstrapServers": "%s", "topic": "%s"}}
                    }
                  }
                }
                """.formatted(plugins, state, input, bootstrap, topic));
    }

    /**
     * Removes the output and the state of the last run (the checkpoint, which {@code kafka/source} would resume a
     * partition from when its group has no offset), but keeps {@code <state>/cache}, the linkage and manifest
     * caches, as a restarted production host would: the warm-up round fills them.
     */
    void reset() throws IOException {
        Files.deleteIfExists(output);
        if (!Files.isDirectory(state)) {
            return;
        }
        try (Stream<Path> entries = Files.list(state)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("cache")) {
                    delete(entry);
                }
            }
        }
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> walk = Files.walk(tree)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + p + " before the next run: " + e.getMessage(),
                            e);
                }
            }
        }
    }

    private static void write(Path file, String text) throws IOException {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot write the benchmark configuration " + file + ": " + e.getMessage(), e);
        }
    }

    /** Hard-links files, recreates folders. */
    private static void linkTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createLink(target, path);
                }
            }
        }
    }
}
