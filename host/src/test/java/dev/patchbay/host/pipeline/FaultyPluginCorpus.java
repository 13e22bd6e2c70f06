package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.cli.RunCommand;
import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.config.ConfigSource;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.PluginLoggers;
import dev.patchbay.host.plugin.PluginPlatform;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import picocli.CommandLine;

/**
 * Runs the corpus of {@link FaultyPlugins}: one set of jars in one plugins folder, built once per test class,
 * and for each case a new home holding a run of {@code patchbay run --json} over the faulty pipeline
 * {@code faulty} beside the healthy pipeline {@code healthy} (2000 records from {@code basics/count} to
 * {@code out/healthy.txt}). The faulty pipeline's deadlines are short: callMillis 300, createMillis 500,
 * closeMillis 300.
 *
 * <p>After each case, {@link #cleanUp()} releases the calls that never return, waits for their threads and
 * for leaked plugin threads to end, and closes the platform, so that no case leaves a spinning thread behind.
 */
final class FaultyPluginCorpus {

    static final String TIMEOUTS = "\"timeouts\": {\"callMillis\": 300, \"createMillis\": 500, \"closeMillis\": 300}";
    /** The run, grace period included, must return within this. */
    static final Duration RUN_BOUND = Duration.ofSeconds(30);
    private static final Duration THREADS_END = Duration.ofSeconds(10);
    private static final String HEALTHY = """
            "healthy": {"source": {"use": "basics/count", "settings": {"to": 2000}},
                        "sink": {"use": "basics/lines", "settings": {"path": "out/healthy.txt"}}}""";

    private final Path root;
    private final Path plugins;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Run> runs = new ArrayList<>();

    FaultyPluginCorpus(Path root) throws IOException {
        this.root = root;
        this.plugins = Files.createDirectories(root.resolve("plugins"));
        FaultyPlugins.buildInto(plugins);
    }

    /** A stage object: {@code {"use": USE, "settings": {SETTINGS}}}. */
    static String stage(String use, String settings) {
        return "{\"use\": \"" + use + "\", \"settings\": {" + settings + "}}";
    }

    /** The faulty pipeline: faulty source, processor and sink with these settings, the short timeouts, extra keys. */
    static String pipeline(String source, String processor, String sink, String extra) {
        return "{\"source\": " + stage("faulty/source", source) + ", \"processors\": ["
                + stage("faulty/processor", processor) + "], \"sink\": "
                + stage("faulty/sink", join("\"path\": \"out/faulty.txt\"", sink)) + ", " + TIMEOUTS
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    /** The faulty pipeline whose stage on {@code side} misbehaves in {@code call} as {@code mode} says. */
    static String faulty(String side, String call, String mode) {
        String fault = "\"call\": \"" + call + "\", \"mode\": \"" + mode + "\"";
        return pipeline(side.equals("source") ? fault : "", side.equals("processor") ? fault : "",
                side.equals("sink") ? fault : "", "");
    }

    /** The faulty pipeline whose stage on {@code side} is the extension whose settings() misbehaves. */
    static String faultySettings(String side, String mode) {
        String use = "faulty/" + side + "-settings-" + mode;
        String source = stage(side.equals("source") ? use : "faulty/source", "");
        String processor = stage(side.equals("processor") ? use : "faulty/processor", "");
        String sink = stage(side.equals("sink") ? use : "faulty/sink", "\"path\": \"out/faulty.txt\"");
        return "{\"source\": " + source + ", \"processors\": [" + processor + "], \"sink\": " + sink + ", "
                + TIMEOUTS + "}";
    }

    private static String join(String first, String second) {
        return second.isEmpty() ? first : first + ", " + second;
    }

    /** Runs the faulty pipeline (or none, when null) beside the healthy one with a grace period of 1 s. */
    Run run(String faultyPipeline) throws IOException {
        return run(faultyPipeline, 1);
    }

    /**
     * Runs the faulty pipeline (or none, when null) beside the healthy one, in a new home, within
     * {@link #RUN_BOUND}.
     *
     * @param graceSeconds {@code runtime.shutdownGraceSeconds}: how long the run waits for stage threads after
     *        the pipelines ended
     */
    Run run(String faultyPipeline, int graceSeconds) throws IOException {
        Path home = Files.createTempDirectory(root, "case-");
        String text = "{\"plugins\": {\"directory\": " + mapper.writeValueAsString(plugins.toString()) + "},\n"
                + "\"runtime\": {\"shutdownGraceSeconds\": " + graceSeconds + "},\n\"pipelines\": {\n"
                + (faultyPipeline == null ? "" : "\"faulty\": " + faultyPipeline + ",\n") + HEALTHY + "}}";
        Path file = Files.createDirectories(home.resolve("config")).resolve("patchbay.json");
        Files.writeString(file, text);
        PatchbayConfig config = new ConfigReader().read(new ConfigSource(home, file, true));
        Run run = new Run(home);
        runs.add(run);
        CommandLine line = new CommandLine(new RunCommand(() -> config, run::startPlatform, PluginLoggers::forStage,
                (signals, handler) -> () -> { }));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        run.exit = assertTimeoutPreemptively(RUN_BOUND, () -> line.execute("--json"),
                () -> "the run did not return within " + RUN_BOUND + ":\n" + out + "\n" + err);
        run.elapsed = Duration.ofNanos(System.nanoTime() - start);
        run.out = out.toString();
        run.err = err.toString();
        assertThat(run.out).as("the summary, stderr: %s", run.err).startsWith("{");
        run.summary = mapper.readTree(run.out);
        return run;
    }

    /** Lets every hung call of every run return, waits for the threads to end, and closes the platforms. */
    void cleanUp() throws Exception {
        try {
            for (Run run : runs) {
                run.release();
            }
            long deadline = System.nanoTime() + THREADS_END.toNanos();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                String name = thread.getName();
                if (name.equals("faulty-leaked")) {
                    thread.interrupt();
                }
                if (name.startsWith("pipeline-faulty-") || name.equals("faulty-leaked")) {
                    TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
                    assertThat(thread.isAlive()).as("thread %s ended once released", name).isFalse();
                }
            }
        } finally {
            for (Run run : runs) {
                if (run.platform != null) {
                    run.platform.close();
                }
            }
            runs.clear();
        }
    }

    /** One run's outcome. */
    final class Run {
        final Path home;
        PluginPlatform platform;
        private Class<?> fault;
        int exit;
        Duration elapsed;
        String out;
        String err;
        JsonNode summary;

        private Run(Path home) {
            this.home = home;
        }

        private PluginPlatform startPlatform(PatchbayConfig config) {
            platform = (PluginPlatform) RunCommand.startPlatform(config);
            platform.extension("faulty", ExtensionKind.SOURCE, "source").ifPresent(source -> {
                try {
                    fault = Class.forName(FaultyPlugins.FAULT_CLASS, true, source.factory().getClass()
                            .getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("the faulty plugin has no " + FaultyPlugins.FAULT_CLASS, e);
                }
            });
            return platform;
        }

        private void release() throws ReflectiveOperationException {
            if (fault != null) {
                fault.getField("released").setBoolean(null, true);
            }
        }

        /** The summary of one pipeline. */
        JsonNode pipeline(String name) {
            return StreamSupport.stream(summary.get("pipelines").spliterator(), false)
                    .filter(p -> p.get("name").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no pipeline '" + name + "' in " + out));
        }

        String error(String name) {
            return pipeline(name).get("error").asText();
        }

        List<String> abandoned(String name) {
            List<String> lines = new ArrayList<>();
            pipeline(name).get("abandoned").forEach(line -> lines.add(line.asText()));
            return lines;
        }

        /** The records a sink wrote to the file, field by field; empty when it wrote none. */
        List<Map<String, String>> records(String file) throws IOException {
            Path path = home.resolve(file);
            List<Map<String, String>> records = new ArrayList<>();
            if (!Files.exists(path)) {
                return records;
            }
            for (String line : Files.readAllLines(path)) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (String field : line.split("\t")) {
                    int equals = field.indexOf('=');
                    fields.put(field.substring(0, equals), field.substring(equals + 1));
                }
                records.add(fields);
            }
            return records;
        }

        /** The field {@code n} of every record in the file, in file order. */
        List<Long> numbers(String file) throws IOException {
            return records(file).stream().map(r -> Long.parseLong(r.get("n"))).toList();
        }

        /** The healthy pipeline completed and wrote each of its 2000 records once, in order. */
        void assertHealthyCompleted() throws IOException {
            assertThat(pipeline("healthy").get("state").asText()).as("healthy pipeline: %s\n%s", out, err)
                    .isEqualTo("COMPLETED");
            assertThat(numbers("out/healthy.txt")).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, 2000).boxed().toList());
        }

        /** The faulty pipeline failed; its error names pipeline, stage, plugin and version, and the fragments. */
        void assertFaultyFailed(String stage, String... fragments) {
            assertThat(pipeline("faulty").get("state").asText()).as("faulty pipeline: %s\n%s", out, err)
                    .isEqualTo("FAILED");
            assertThat(exit).isEqualTo(1);
            assertThat(error("faulty")).contains("pipeline 'faulty'", "stage " + stage,
                    "plugin 'faulty' " + FaultyPlugins.FAULTY_VERSION).contains(fragments);
        }
    }
}
