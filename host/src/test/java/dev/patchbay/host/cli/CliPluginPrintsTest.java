package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code patchbay run --json} as the process runs it ({@link Main#launch}), over a plugin whose processor,
 * and a thread the processor starts, print to {@code System.out} and {@code System.err}: standard output
 * stays JSON lines and the prints are in the log, each with the plugin id.
 */
class CliPluginPrintsTest {


    private static final String PROCESSOR = """
            package com.example.noisy;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "chatty", description = "Prints about every record, and starts a thread that prints.")
            public class Chatty implements ProcessorFactory {
                @Override
                public List<Setting> settings() {
                    return List.of();
                }

                @Override
                public Processor create(Settings settings, ExtensionContext context) {
                    return (record, out) -> {
                        Object n = record.get("n");
                        System.out.println("processing " + n + " gr\\u00fc\\u00dfe");
                        System.err.println("worried about " + n);
                        System.out.print("partial " + n);
                        System.out.flush();
                        if (n.equals(1L)) {
                            Thread worker = new Thread(() -> {
                                System.out.println("the worker says hello");
                                System.err.println("the worker complains");
                            }, "noisy-worker");
                            worker.start();
                            try {
                                worker.join(30_000);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException("interrupted waiting for noisy-worker", e);
                            }
                            if (worker.isAlive()) {
                                throw new IllegalStateException("noisy-worker did not finish within 30s");
                            }
                        }
                        out.emit(record);
                    };
                }
            }
            """;


    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void captureTheProcessStreams() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTheProcessStreamsAndLogging() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    @Test
    void runJsonKeepsStdoutJsonAndLogsWhatThePluginPrintsWithItsId() throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJarBuilder.plugin("noisy")
                .source("com.example.noisy.Numbers",
                        Sources.countingSource("com.example.noisy.Numbers", "numbers", 3))
                .service(SourceFactory.class, "com.example.noisy.Numbers")
                .source("com.example.noisy.Chatty", PROCESSOR)
                .service(ProcessorFactory.class, "com.example.noisy.Chatty")
                .source("com.example.noisy.Discard",
                        Sources.discardingSink("com.example.noisy.Discard", "discard"))
                .service(SinkFactory.class, "com.example.noisy.Discard")
                .buildJar(plugins);
        Path config = Files.createDirectories(home.resolve("config")).resolve("patchbay.json");
        Files.writeString(config, """
                {"pipelines": {"demo": {"source": {"use": "noisy/numbers"},
                                        "processors": [{"use": "noisy/chatty"}],
                                        "sink": {"use": "noisy/discard"}}}}
                """);

        int exit = Main.launch(Map.of("PATCHBAY_HOME", home.toString()), Optional.empty(), home,
                "--log-format", "json", "run", "--json").code();

        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stdout:%n%s%nstderr:%n%s", stdout, stderr).isZero();
        List<String> stdoutLines = stdout.lines().toList();
        assertThat(stdoutLines).as("stdout").isNotEmpty().allSatisfy(line -> assertThat(json(line).isObject())
                .as("stdout line %s", line).isTrue());
        assertThat(json(stdoutLines.get(stdoutLines.size() - 1)).toString()).contains("summary");
        assertThat(stdout).doesNotContain("processing", "worried", "partial", "worker");

        List<JsonNode> printed = stderr.lines().filter(line -> line.startsWith("{")).map(CliPluginPrintsTest::json)
                .filter(event -> event.path("loggerName").asText().startsWith("plugin.noisy.")).toList();
        assertThat(printed).extracting(event -> event.get("loggerName").asText() + " " + event.get("level").asText()
                + " [" + event.path("mdc").path("plugin").asText() + " " + event.path("mdc").path("stage").asText("-")
                + "] " + event.get("formattedMessage").asText())
                .contains("plugin.noisy.stdout INFO [noisy demo/processors[0]] processing 1 gr\u00fc\u00dfe",
                        "plugin.noisy.stderr WARN [noisy demo/processors[0]] worried about 1",
                        "plugin.noisy.stdout INFO [noisy demo/processors[0]] partial 1",
                        "plugin.noisy.stdout INFO [noisy demo/processors[0]] processing 3 gr\u00fc\u00dfe",
                        "plugin.noisy.stdout INFO [noisy -] the worker says hello",
                        "plugin.noisy.stderr WARN [noisy -] the worker complains")
                .hasSize(3 * 3 + 2);
        assertThat(printed).filteredOn(event -> event.get("formattedMessage").asText().startsWith("the worker"))
                .allSatisfy(event -> assertThat(event.get("threadName").asText()).isEqualTo("noisy-worker"));
    }

    private static JsonNode json(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }
}
