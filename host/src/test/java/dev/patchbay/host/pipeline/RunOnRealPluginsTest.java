package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.cli.RunCommand;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.config.Timeouts;
import dev.patchbay.host.plugin.PluginLoggers;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run} end to end inside the host: plugin jars compiled at test time, loaded by the real
 * {@code PluginPlatform} in isolated class loaders, validated and run. The plugin code itself reports
 * the context class loader and MDC it sees, into the records it writes.
 */
class RunOnRealPluginsTest {

    private static final String SOURCE = """
            package com.example.gen;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "count", description = "Counts up to 'to'.")
            public class CountFactory implements SourceFactory {
                @Override
                public List<Setting> settings() {
                    return List.of(Setting.required("to", SettingType.LONG, "The last number."));
                }

                @Override
                public Source create(Settings settings, SourceContext context) {
                    long to = settings.getLong("to");
                    long start = context.resumeFrom().map(p -> Long.parseLong(p.value())).orElse(1L);
                    Fields fields = Fields.of("n", "sourceLoaderIsOwn");
                    return new Source() {
                        private long next = start;

                        @Override
                        public Poll poll(Emitter out) {
                            if (next > to) {
                                return Poll.END;
                            }
                            boolean own = Thread.currentThread().getContextClassLoader() == CountFactory.class.getClassLoader();
                            for (int i = 0; i < 10 && next <= to; i++) {
                                out.emit(fields.record(next++, own));
                            }
                            return Poll.MORE;
                        }

                        @Override
                        public Position position() {
                            return new Position(Long.toString(next));
                        }
                    };
                }
            }
            """;

    private static final String PROCESSOR = """
            package com.example.tag;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "tag", description = "Adds what the plugin sees of its context.")
            public class TagFactory implements ProcessorFactory {
                @Override
                public List<Setting> settings() {
                    return List.of();
                }

                @Override
                public Processor create(Settings settings, ExtensionContext context) {
                    return (record, out) -> out.emit(record
                            .with("processorLoaderIsOwn",
                                    Thread.currentThread().getContextClassLoader() == TagFactory.class.getClassLoader())
                            .with("mdcPlugin", org.slf4j.MDC.get("plugin"))
                            .with("mdcStage", org.slf4j.MDC.get("stage")));
                }
            }
            """;

    private static final String SINK = """
            package com.example.out;

            import dev.patchbay.api.*;
            import dev.patchbay.api.Row;
            import java.io.IOException;
            import java.nio.file.*;
            import java.util.List;

            @Extension(name = "lines", description = "Appends each record's toString as a line.")
            public class LinesFactory implements SinkFactory {
                @Override
                public List<Setting> settings() {
                    return List.of(Setting.required("path", SettingType.STRING, "The file."));
                }

                @Override
                public Sink create(Settings settings, ExtensionContext context) {
                    Path file = context.baseDirectory().resolve(settings.getString("path"));
                    StringBuilder pending = new StringBuilder();
                    return new Sink() {
                        @Override
                        public void write(List<Row> batch) {
                            for (Row record : batch) {
                                pending.append(record.toMap()).append('\\n');
                            }
                        }

                        @Override
                        public void flush() throws IOException {
                            Files.createDirectories(file.getParent());
                            Files.writeString(file, pending, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                            pending.setLength(0);
                        }
                    };
                }
            }
            """;

    @TempDir
    Path home;

    @Test
    void runLoadsRealPluginJarsAndEveryStageRunsInItsPluginsContext() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJarBuilder.plugin("gen").source("com.example.gen.CountFactory", SOURCE)
                .service(SourceFactory.class, "com.example.gen.CountFactory").buildJar(plugins);
        PluginJarBuilder.plugin("tag").source("com.example.tag.TagFactory", PROCESSOR)
                .service(ProcessorFactory.class, "com.example.tag.TagFactory").buildJar(plugins);
        PluginJarBuilder.plugin("out").source("com.example.out.LinesFactory", SINK)
                .service(SinkFactory.class, "com.example.out.LinesFactory").buildJar(plugins);
        String path = "$.pipelines.real";
        PipelineConfig pipeline = new PipelineConfig("real",
                new StageConfig("gen/count", Map.of("to", 1000L), path + ".source"),
                List.of(new StageConfig("tag/tag", Map.of(), path + ".processors[0]")),
                new StageConfig("out/lines", Map.of("path", "out/real.txt"), path + ".sink"), 100, 10, 256, path);
        PatchbayConfig config = new PatchbayConfig(home.resolve("config/patchbay.json"), home, plugins, Set.of(),
                Set.of(), home.resolve("state"), "text", "INFO", 30, List.of(pipeline), ConfigLocations.none());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new RunCommand(() -> config, RunCommand::startPlatform,
                PluginLoggers::forStage));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));

        int exit = line.execute();

        assertThat(exit).as(out + "\n" + err).isZero();
        List<String> written = Files.readAllLines(home.resolve("out/real.txt"));
        assertThat(written).hasSize(1000);
        assertThat(written.get(0)).isEqualTo("{n=1, sourceLoaderIsOwn=true, processorLoaderIsOwn=true, "
                + "mdcPlugin=tag, mdcStage=real/processors[0]}");
        assertThat(written).allMatch(record -> record.contains("sourceLoaderIsOwn=true")
                && record.contains("processorLoaderIsOwn=true"));
        assertThat(Files.readString(home.resolve("state/real.json"))).contains("\"position\" : \"1001\"");

        int again = line.execute();

        assertThat(again).isZero();
        assertThat(Files.readAllLines(home.resolve("out/real.txt"))).hasSize(1000);
    }

    @Test
    void anUnusedPluginStuckInItsStartHoldsTheRunUpOnlyForTheStartDeadline() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJarBuilder.plugin("gen").source("com.example.gen.CountFactory", SOURCE)
                .service(SourceFactory.class, "com.example.gen.CountFactory").buildJar(plugins);
        PluginJarBuilder.plugin("out").source("com.example.out.LinesFactory", SINK)
                .service(SinkFactory.class, "com.example.out.LinesFactory").buildJar(plugins);
        String release = "patchbay.test.release." + java.util.UUID.randomUUID();
        PluginJarBuilder.plugin("stuck").source("com.example.stuck.Stuck",
                Sources.stuckProcessor("com.example.stuck.Stuck", "stuck", release))
                .service(ProcessorFactory.class, "com.example.stuck.Stuck").buildJar(plugins);
        String path = "$.pipelines.small";
        PipelineConfig pipeline = new PipelineConfig("small",
                new StageConfig("gen/count", Map.of("to", 10L), path + ".source"), List.of(),
                new StageConfig("out/lines", Map.of("path", "out/small.txt"), path + ".sink"), 100, 10, 256, path);
        PatchbayConfig config = new PatchbayConfig(home.resolve("config/patchbay.json"), home, plugins, Set.of(),
                Set.of(), Set.of(), home.resolve("state"), "text", "INFO", 30, new Timeouts(30_000, 300, 10_000),
                List.of(pipeline), ConfigLocations.none());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new RunCommand(() -> config, RunCommand::startPlatform,
                PluginLoggers::forStage));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));

        try {
            int exit = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> line.execute());

            assertThat(exit).as(out + "\n" + err).isZero();
            assertThat(Files.readAllLines(home.resolve("out/small.txt"))).hasSize(10);
        } finally {
            System.setProperty(release, "true");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.isAlive() && t.getName().startsWith("patchbay-plugin-start-"))) {
                assertThat(System.nanoTime()).as("the released start thread ends").isLessThan(deadline);
                Thread.sleep(5);
            }
            System.clearProperty(release);
        }
    }
}
