package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live plugins in {@code dist/bin/patchbay serve}: while a continuous pipeline (files/text-source in follow mode,
 * transforms/keep, files/text-sink) reads an input file that a writer keeps appending numbered lines to, the
 * test changes the plugins folder under it. A v2 of transforms (the shipped jar with another Plugin-Version) is
 * swapped in; a v3 whose factory class is corrupt fails to start and a v4 whose create() throws is gone back
 * from, so the pipeline stays on v2; v2 removed, it swaps down to v1; every version removed, it drains and waits;
 * v1 restored, it resumes. After shutdown the output is the input, every line once and in order.
 */
class LivePluginsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Map<String, String> ENV = Map.of("PATCHBAY_ADMIN_PORT", "0", "PATCHBAY_LOG_LEVEL", "INFO");
    private static final String KEEP = "dev.patchbay.plugins.transforms.KeepFactory";
    private static final String KEEP_CLASS = KEEP.replace('.', '/') + ".class";
    /** The processor is the second stage: source, keep, sink. */
    private static final int PROCESSOR = 1;

    @TempDir
    Path temp;

    @Test
    void thePipelineMovesToV2StaysThereWhenV3AndV4AreBrokenWaitsWithoutThePluginAndLosesNothing() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        Path plugins = patchbay.copyPlugins();
        Path home = patchbay.home();
        Path shipped = PluginArchives.distArchive("transforms");
        Path v1 = plugins.resolve(shipped.getFileName());
        String v1Version = pluginVersion(shipped);
        Path input = home.resolve("data/in.txt");
        Path output = home.resolve("data/out.txt");
        Files.createFile(input);
        patchbay.config("""
                {
                  "plugins": { "directory": "%s" },
                  "runtime": { "shutdownGraceSeconds": 60 },
                  "pipelines": { "live": {
                    "source": { "use": "files/text-source", "settings": { "path": "data/in.txt", "follow": true } },
                    "processors": [ { "use": "transforms/keep", "settings": { "fields": ["line"] } } ],
                    "sink": { "use": "files/text-sink", "settings": { "path": "data/out.txt" } },
                    "batchSize": 100, "lingerMillis": 10 } }
                }
                """.formatted(plugins.toString().replace("\\", "\\\\")));

        Patchbay.Started serve = patchbay.start(ENV, "serve");
        try (InputWriter writer = new InputWriter(input)) {
            AdminApi admin = AdminApi.of(serve, home, DEADLINE);
            awaitRunningOn(admin, v1Version);
            awaitWrites(admin, output, "on " + v1Version);

            // v2: the same classes under a higher version; the unpinned stage moves to it at its checkpoint.
            PluginArchives.rewrite(shipped, plugins.resolve("transforms-2.0.0.jar"), "2.0.0", Map.of());
            awaitRunningOn(admin, "2.0.0");
            assertThat(pipeline(admin).path("lastSwap").asText()).contains(v1Version, "2.0.0");
            awaitWrites(admin, output, "on 2.0.0");

            // v3: its factory class is not a class file, so the plugin fails to start and nothing moves to it.
            Path v3 = PluginArchives.rewrite(shipped, plugins.resolve("transforms-3.0.0.jar"), "3.0.0",
                    Map.of(KEEP_CLASS, "not a class file".getBytes(StandardCharsets.US_ASCII)));
            admin.await("transforms 3.0.0 is FAILED", () -> admin.plugin("transforms", "3.0.0").path("state")
                    .asText().equals("FAILED"));
            JsonNode failed = admin.plugin("transforms", "3.0.0");
            assertThat(failed.path("problems")).as("transforms 3.0.0 reports its problem: %s", failed).isNotEmpty();
            assertThat(failed.path("problems").path(0).path("code").asText()).isEqualTo("PB-PLUGIN-001");
            assertThat(failed.path("problems").path(0).path("message").asText()).contains("KeepFactory",
                    "not a class file");
            assertThat(version(admin)).isEqualTo("2.0.0");
            awaitWrites(admin, output, "on 2.0.0 beside a failed 3.0.0");
            Files.delete(v3);
            admin.await("transforms 3.0.0 is gone", () -> admin.plugin("transforms", "3.0.0").isMissingNode());

            // v4: starts, but its keep factory's create() throws; the pipeline goes back to 2.0.0.
            Path v4 = PluginArchives.rewrite(shipped, plugins.resolve("transforms-4.0.0.jar"), "4.0.0",
                    Map.of(KEEP_CLASS, PluginArchives.compile(temp.resolve("broken"), KEEP, BROKEN_KEEP)));
            admin.await("the pipeline went back from 4.0.0", () -> pipeline(admin).path("lastSwap").asText()
                    .startsWith("went back"));
            assertThat(pipeline(admin).path("lastSwap").asText()).contains("4.0.0", "cannot create keep");
            awaitRunningOn(admin, "2.0.0");
            awaitWrites(admin, output, "on 2.0.0 after going back from 4.0.0");
            Files.delete(v4);
            admin.await("transforms 4.0.0 is gone", () -> admin.plugin("transforms", "4.0.0").isMissingNode());

            // v2 removed while v1 is still there: the pipeline swaps down to v1.
            Files.delete(plugins.resolve("transforms-2.0.0.jar"));
            awaitRunningOn(admin, v1Version);
            awaitWrites(admin, output, "on " + v1Version + " again");

            // No version left: the pipeline drains and waits.
            Files.delete(v1);
            admin.await("the pipeline waits for transforms", () -> state(admin).equals("WAITING_FOR_PLUGIN"));
            JsonNode waiting = pipeline(admin);
            assertThat(waiting.path("waitingFor").asText()).as("%s", waiting).contains("transforms");
            assertThat(waiting.path("uncommittedRecords").asLong()).as("drained before waiting").isZero();

            // Restored: it resumes from its checkpoint.
            PluginArchives.rewrite(shipped, v1, v1Version, Map.of());
            awaitRunningOn(admin, v1Version);
            awaitWrites(admin, output, "after transforms came back");

            writer.stop();
            long all = Files.size(input);
            admin.await("the output catches up with the " + writer.count() + " input lines",
                    () -> size(output) >= all);
            Patchbay.Result shutdown = patchbay.start(ENV, "shutdown").await(60);
            assertThat(shutdown.exitCode()).as(shutdown.toString()).isZero();
            Patchbay.Result end = serve.await(DEADLINE.toSeconds());
            assertThat(end.exitCode()).as(end.toString()).isZero();
        } finally {
            if (serve.process.isAlive()) {
                serve.process.descendants().forEach(ProcessHandle::destroyForcibly);
                serve.process.destroyForcibly();
            }
        }

        List<String> in = Files.readAllLines(input, StandardCharsets.UTF_8);
        List<String> out = Files.readAllLines(output, StandardCharsets.UTF_8);
        Set<String> seen = new HashSet<>();
        List<String> repeated = out.stream().filter(line -> !seen.add(line)).limit(10).toList();
        assertThat(repeated).as("no input id is written twice across the swaps").isEmpty();
        assertThat(in.stream().filter(line -> !seen.contains(line)).limit(10).toList())
                .as("no input id is lost across the swaps").isEmpty();
        assertThat(out).as("every input line once, in order").isEqualTo(in);

        String log = Files.readString(home.resolve("logs/patchbay.log"), StandardCharsets.UTF_8);
        assertThat(log).containsPattern("INFO .*pipeline 'live': swapping plugin versions .*" + v1Version
                        + ".* -> .*2\\.0\\.0.*, resuming from position offset=")
                .containsPattern("WARN .*PB-PLUGIN-001: plugin 'transforms' lists '" + KEEP + "'.*not a class file")
                .containsPattern("INFO .*the plugins folder changed: .*failed \\[transforms 3\\.0\\.0\\]")
                .containsPattern("WARN .*pipeline 'live': .*4\\.0\\.0.* failed to create its stages; going back")
                .containsPattern("INFO .*pipeline 'live': drained at position .*; waiting for a plugin")
                .contains("pipeline 'live': its plugin is back; resuming from its checkpoint");
    }

    /** Keeps the shipped factory's name and settings; create() throws. */
    static final String BROKEN_KEEP = """
            package dev.patchbay.plugins.transforms;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "keep", description = "Keeps only the listed fields and removes every other field.")
            public final class KeepFactory implements ProcessorFactory {
                @Override
                public List<Setting> settings() {
                    return List.of(Setting.required("fields", SettingType.LIST, "The names of the fields to keep."));
                }

                @Override
                public Processor create(Settings settings, ExtensionContext context) {
                    throw new IllegalStateException("transforms 4.0.0 cannot create keep: broken by LivePluginsIT");
                }
            }
            """;

    private static void awaitRunningOn(AdminApi admin, String version) throws Exception {
        admin.await("the pipeline runs on transforms " + version, () -> version.equals(version(admin))
                && state(admin).equals("RUNNING"));
    }

    /** Waits for the output to grow by a few batches: the pipeline does work. */
    private static void awaitWrites(AdminApi admin, Path output, String when) throws Exception {
        long before = size(output);
        admin.await("the pipeline writes " + when, () -> size(output) > before + 10_000);
    }

    private static JsonNode pipeline(AdminApi admin) {
        return admin.get("/pipelines/live");
    }

    private static String state(AdminApi admin) {
        return pipeline(admin).path("state").asText();
    }

    private static String version(AdminApi admin) {
        return pipeline(admin).path("stages").path(PROCESSOR).path("pluginVersion").asText();
    }

    private static String pluginVersion(Path jar) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Plugin-Version");
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends unique numbered lines to the input, a batch every few milliseconds, until closed. */
    private static final class InputWriter implements AutoCloseable {
        private final AtomicBoolean writing = new AtomicBoolean(true);
        private final AtomicLong written = new AtomicLong();
        private final Thread thread;
        private volatile IOException failure;

        InputWriter(Path input) {
            thread = new Thread(() -> {
                try (Writer out = Files.newBufferedWriter(input, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
                    while (writing.get()) {
                        for (int i = 0; i < 50; i++) {
                            out.write("id-" + written.getAndIncrement() + "\n");
                        }
                        out.flush();
                        TimeUnit.MILLISECONDS.sleep(5); // pacing, about 10,000 lines a second
                    }
                } catch (IOException e) {
                    failure = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "live-plugins-it-writer");
            thread.start();
        }

        long count() {
            return written.get();
        }

        @Override
        public void close() throws IOException {
            stop();
        }

        /** Stops appending and waits for the writer to end; idempotent. */
        void stop() throws IOException {
            writing.set(false);
            try {
                thread.join(DEADLINE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the writer to stop", e);
            }
            assertThat(thread.isAlive()).as("the writer stopped").isFalse();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
