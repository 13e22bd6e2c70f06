package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.cli.RunCommand;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.ErrorPolicy;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.PluginLoggers;
import dev.patchbay.host.plugin.PluginScope;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Issue 8: the stage threads keep MDC {@code plugin} and {@code stage} in place between calls (so that a call
 * allocates no map node), yet every line still names the right plugin or none. Real plugin jars log through
 * SLF4J from each stage; the sink thread runs two plugins (the sink and the dead-letter sink) and the host logs
 * on it between their calls, when a record the sink rejected is set aside.
 */
class StageThreadMdcTest {

    private static final String SOURCE = """
            package com.example.gen;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "count", description = "Counts from 1 to 12, four a poll.")
            public class CountFactory implements SourceFactory {
                @Override
                public List<Setting> settings() {
                    return List.of();
                }

                @Override
                public Source create(Settings settings, SourceContext context) {
                    Fields fields = Fields.of("n");
                    return new Source() {
                        private long next = 1;

                        @Override
                        public Poll poll(Emitter out) {
                            if (next > 12) {
                                return Poll.END;
                            }
                            org.slf4j.LoggerFactory.getLogger("com.example.gen").info("gen polls at {}", next);
                            for (int i = 0; i < 4; i++) {
                                out.emit(fields.record(next++));
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

            @Extension(name = "pass", description = "Passes records on, logging each.")
            public class PassFactory implements ProcessorFactory {
                @Override
                public List<Setting> settings() {
                    return List.of();
                }

                @Override
                public Processor create(Settings settings, ExtensionContext context) {
                    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("com.example.tag");
                    return (record, out) -> {
                        log.info("tag processes {}", record.get("n"));
                        out.emit(record);
                    };
                }
            }
            """;

    private static final String SINK = """
            package com.example.%1$s;

            import dev.patchbay.api.*;
            import dev.patchbay.api.Row;
            import java.util.List;

            @Extension(name = "%1$s", description = "Logs each batch; rejects a batch holding n = %2$d.")
            public class SinkFactoryImpl implements SinkFactory {
                @Override
                public List<Setting> settings() {
                    return List.of();
                }

                @Override
                public Sink create(Settings settings, ExtensionContext context) {
                    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("com.example.%1$s");
                    return new Sink() {
                        @Override
                        public void write(List<Row> batch) {
                            log.info("%1$s writes {} records", batch.size());
                            for (Row record : batch) {
                                if (Long.valueOf(%2$d).equals(record.toMap().get("n"))) {
                                    throw new IllegalArgumentException("%1$s rejects n = %2$d");
                                }
                            }
                        }

                        @Override
                        public void flush() {
                            log.info("%1$s flushes");
                        }
                    };
                }
            }
            """;

    @TempDir
    Path home;

    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger("com.example"),
            (Logger) LoggerFactory.getLogger("dev.patchbay.host.pipeline"));
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        appender.start();
        for (Logger logger : loggers) {
            logger.addAppender(appender);
            logger.setLevel(Level.INFO);
        }
    }

    @AfterEach
    void releaseLogs() {
        for (Logger logger : loggers) {
            logger.detachAppender(appender);
            logger.setLevel(null);
        }
    }

    private static void plugin(Path plugins, String id, String className, String source,
            Class<? extends dev.patchbay.api.ExtensionFactory> service) {
        PluginJarBuilder.plugin(id).source(className, source).service(service, className).buildJar(plugins);
    }

    @Test
    void pluginLinesNameTheirPluginAndStageAndHostLinesBetweenCallsNameNone() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        plugin(plugins, "gen", "com.example.gen.CountFactory", SOURCE, SourceFactory.class);
        plugin(plugins, "tag", "com.example.tag.PassFactory", PROCESSOR, ProcessorFactory.class);
        plugin(plugins, "picky", "com.example.picky.SinkFactoryImpl", SINK.formatted("picky", 7),
                SinkFactory.class);
        plugin(plugins, "dead", "com.example.dead.SinkFactoryImpl", SINK.formatted("dead", -1), SinkFactory.class);
        String path = "$.pipelines.mdc";
        PipelineConfig pipeline = new PipelineConfig("mdc", new StageConfig("gen/count", Map.of(), path + ".source"),
                List.of(new StageConfig("tag/pass", Map.of(), path + ".processors[0]")),
                new StageConfig("picky/picky", Map.of(), path + ".sink"), 4, 10, 64, path)
                .withErrors(new ErrorPolicy(ErrorPolicy.Tolerance.ALL,
                        Optional.of(new StageConfig("dead/dead", Map.of(), path + ".errors.deadLetter")),
                        ErrorPolicy.MAX_FAILURES, 1.0));
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
        List<ILoggingEvent> lines = new ArrayList<>(appender.list);
        expectLines(lines, "gen polls", "gen", "mdc/source", "pipeline-mdc-source");
        expectLines(lines, "tag processes", "tag", "mdc/processors[0]", "pipeline-mdc-process");
        expectLines(lines, "picky ", "picky", "mdc/sink", "pipeline-mdc-sink");
        expectLines(lines, "dead ", "dead", "mdc/errors.deadLetter", "pipeline-mdc-sink");
        // Logged by the host on the sink thread after the sink's failed write(), outside any plugin call.
        expectLines(lines, "pipeline 'mdc': stage sink (picky/picky) rejected its record 7", null, null,
                "pipeline-mdc-sink");
        expectLines(lines, "pipeline 'mdc': starting from the beginning of its input (no checkpoint)", null, null,
                "pipeline-mdc-source");
        assertThat(lines).extracting(ILoggingEvent::getFormattedMessage).contains("pipeline 'mdc': completed");
    }

    private static void expectLines(List<ILoggingEvent> lines, String prefix, String plugin, String stage,
            String thread) {
        List<ILoggingEvent> matching = lines.stream().filter(e -> e.getFormattedMessage().startsWith(prefix))
                .toList();
        assertThat(matching).as("lines starting \"%s\" in %s", prefix, lines).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getThreadName()).isEqualTo(thread);
            Map<String, String> mdc = event.getMDCPropertyMap();
            String description = "MDC " + mdc + " of \"" + event.getFormattedMessage() + "\"";
            assertThat(mdc).as(description).containsEntry(AttemptThreads.MDC_PIPELINE, "mdc");
            if (plugin == null) {
                assertThat(mdc.get(PluginScope.MDC_PLUGIN)).as(description).isNullOrEmpty();
                assertThat(mdc.get(StageGuard.MDC_STAGE)).as(description).isNullOrEmpty();
            } else {
                assertThat(mdc).as(description).containsEntry(PluginScope.MDC_PLUGIN, plugin)
                        .containsEntry(StageGuard.MDC_STAGE, stage);
            }
        });
    }
}
