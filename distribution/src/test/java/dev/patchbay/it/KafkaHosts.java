package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Several Patchbay hosts, each {@code dist/bin/patchbay serve} on a home of its own (its own state directory and
 * home lock), all with the same pipeline configuration: a {@code kafka/source} in one consumer group, into a
 * {@code files/jsonl-sink} at {@code out/records.jsonl} of the host's home. Every host started here is killed by
 * {@link #killAll()}, which each test calls after it, pass or fail.
 */
final class KafkaHosts {

    static final String PIPELINE = "orders";
    static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Map<String, String> ENV = Map.of("PATCHBAY_ADMIN_PORT", "0", "PATCHBAY_LOG_LEVEL", "INFO");

    private final Path root;
    private final String config;
    private final List<Host> hosts = new ArrayList<>();

    /**
     * @param root where the homes are made, {@code host-1}, {@code host-2}, ...
     * @param config the configuration every host gets, {@code patchbay.json} as text
     */
    KafkaHosts(Path root, String config) {
        this.root = root;
        this.config = config;
    }

    /**
     * A plugins folder as an integrator makes one for Kafka: the distribution's plugins plus the kafka zip that the
     * distribution ships in {@code extras/} rather than installed.
     */
    static Path plugins(Path folder) throws IOException {
        Path plugins = Files.createDirectories(folder);
        for (Path from : List.of(Patchbay.dist().resolve("plugins"), Patchbay.dist().resolve("extras"))) {
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, plugins.resolve(file.getFileName()));
                }
            }
        }
        return plugins;
    }

    /**
     * The configuration of one pipeline {@value #PIPELINE} reading {@code input} with the extra source
     * properties, through {@code processors} (a JSON array's content, may be empty), into out/records.jsonl.
     *
     * @param pipeline extra pipeline keys, such as {@code "commitIntervalMillis": 1000}, each with a leading comma
     */
    static String config(Path plugins, KafkaInput input, List<String> properties, String processors,
            String pipeline) {
        return """
                {
                  "plugins": { "directory": "%s" },
                  "runtime": { "shutdownGraceSeconds": 60 },
                  "logging": { "file": {} },
                  "pipelines": { "%s": {
                    "source": { "use": "kafka/source", "settings": %s },
                    "processors": [ %s ],
                    "sink": { "use": "files/jsonl-sink", "settings": { "path": "out/records.jsonl" } }%s } }
                }
                """.formatted(plugins.toString().replace("\\", "\\\\"), PIPELINE, input.sourceSettings(properties),
                processors, pipeline);
    }

    /** Starts one more host on a new home and waits until its admin API answers. */
    Host start() throws Exception {
        Patchbay patchbay = new Patchbay(root.resolve("host-" + (hosts.size() + 1)));
        patchbay.config(config);
        Patchbay.Started serve = patchbay.start(ENV, "serve");
        Host host = new Host(hosts.size() + 1, patchbay, serve);
        hosts.add(host);
        host.admin = AdminApi.of(serve, patchbay.home(), DEADLINE);
        return host;
    }

    List<Host> hosts() {
        return List.copyOf(hosts);
    }

    /** Kills every host still running (kill -9 of the launcher and its JVM). */
    void killAll() {
        hosts.forEach(h -> h.serve.killIfAlive());
    }

    /**
     * Stops the hosts gracefully, all at once (SIGTERM to each, then waiting for each), and checks that each exits
     * 0: every pipeline drained and committed.
     */
    static void stopGracefully(List<Host> running) throws IOException, InterruptedException {
        running.forEach(h -> h.serve.sigterm());
        for (Host host : running) {
            Patchbay.Result end = host.serve.await(DEADLINE.toSeconds());
            assertThat(end.exitCode()).as("%s stops gracefully: %s", host, end).isZero();
        }
    }

    /** Polls until {@code condition} holds, failing after the deadline or as soon as a host that should run ended. */
    void await(String what, List<Host> running, BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            for (Host host : running) {
                if (!host.serve.process.isAlive()) {
                    throw new AssertionError("host " + host.number + " ended while waiting until " + what + ": "
                            + host.serve.await(1));
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting until " + what
                        + "; partitions held: " + partitionsHeld(running));
            }
            Thread.sleep(50);
        }
    }

    /** What each host reports holding, for messages: {@code host 1 [orders:0, ...], host 2 [...]}. */
    static String partitionsHeld(List<Host> running) {
        StringBuilder text = new StringBuilder();
        for (Host host : running) {
            text.append(text.length() == 0 ? "" : ", ").append("host ").append(host.number).append(' ');
            try {
                text.append(host.partitions());
            } catch (RuntimeException e) {
                text.append("(unreadable: ").append(e.getMessage()).append(')');
            }
        }
        return text.toString();
    }

    /** One running host. */
    static final class Host {
        final int number;
        final Patchbay patchbay;
        final Patchbay.Started serve;
        private AdminApi admin;

        Host(int number, Patchbay patchbay, Patchbay.Started serve) {
            this.number = number;
            this.patchbay = patchbay;
            this.serve = serve;
        }

        Path output() {
            return patchbay.home().resolve("out/records.jsonl");
        }

        Path log() {
            return patchbay.home().resolve("logs/patchbay.log");
        }

        /** The pipeline as {@code GET /pipelines} shows it. */
        JsonNode pipeline() {
            for (JsonNode pipeline : admin.get("/pipelines").path("pipelines")) {
                if (pipeline.path("name").asText().equals(PIPELINE)) {
                    return pipeline;
                }
            }
            throw new AssertionError("host " + number + " shows no pipeline '" + PIPELINE + "' in GET /pipelines");
        }

        /**
         * The partition numbers the host's source holds, from its status value {@code partitions} in
         * {@code GET /pipelines} ({@code pipelines[i].stages[0].status.partitions}, such as "t:0,t:3"). None
         * until the source has been created and has set the value.
         */
        Set<Integer> partitions() {
            JsonNode status = pipeline().path("stages").path(0).path("status").path("partitions");
            Set<Integer> partitions = new TreeSet<>();
            Arrays.stream(status.asText().split(",")).filter(s -> !s.isEmpty())
                    .forEach(p -> partitions.add(Integer.parseInt(p.substring(p.lastIndexOf(':') + 1))));
            return partitions;
        }

        @Override
        public String toString() {
            return "host " + number + " at " + patchbay.home();
        }
    }
}
