package dev.patchbay.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.cli.RunCommand;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.ErrorPolicy;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.RestartPolicy;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.config.Timeouts;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.plugin.PluginLoggers;
import dev.patchbay.host.service.Host;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics of real pipelines, on plugin jars compiled at test time and run by a real {@link Host}: what a scrape
 * says after the pipelines ran is what they did.
 */
class HostMetricsPipelineTest {

    private static final String NUMBERS = """
            package com.example.gen;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "numbers", description = "Emits 1 to count, perPoll numbers per poll.")
            public class NumbersFactory implements SourceFactory {
                @Override
                public List<Setting> settings() {
                    return List.of(Setting.required("count", SettingType.LONG, "The last number."),
                            Setting.required("perPoll", SettingType.LONG, "Numbers per poll."));
                }

                @Override
                public Source create(Settings settings, SourceContext context) {
                    long count = settings.getLong("count");
                    long perPoll = settings.getLong("perPoll");
                    Fields fields = Fields.of("n");
                    long start = context.resumeFrom().map(p -> Long.parseLong(p.value())).orElse(1L);
                    return new Source() {
                        private long next = start;

                        @Override
                        public Poll poll(Emitter out) {
                            if (next > count) {
                                return Poll.END;
                            }
                            for (long i = 0; i < perPoll && next <= count; i++) {
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

    /** Counts odd numbers, drops multiples of 10, skips n % 1000 == 3 and throws on n % 1000 == 7. */
    private static final String PICK = """
            package com.example.pick;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "pick", description = "Picks numbers.")
            public class PickFactory implements ProcessorFactory {
                @Override
                public List<Setting> settings() {
                    return List.of();
                }

                @Override
                public Processor create(Settings settings, ExtensionContext context) {
                    return (record, out) -> {
                        long n = (Long) record.get("n");
                        if (n % 2 == 1) {
                            context.count("oddSeen", 1);
                        }
                        if (n % 1000 == 7) {
                            throw new IllegalStateException("seven is not wanted: " + n);
                        }
                        if (n % 1000 == 3) {
                            out.reject(new Rejection("three is skipped", "n=" + n, ""));
                            return;
                        }
                        if (n % 10 != 0) {
                            out.emit(record);
                        }
                    };
                }
            }
            """;

    /** A sink whose very first write in this class loader fails, so its pipeline fails once and is restarted. */
    private static final String FLAKY = """
            package com.example.flaky;

            import dev.patchbay.api.*;
            import java.util.List;
            import java.util.concurrent.atomic.AtomicBoolean;

            @Extension(name = "flaky", description = "Fails its first write.")
            public class FlakyFactory implements SinkFactory {
                static final AtomicBoolean FAILED = new AtomicBoolean();

                @Override
                public List<Setting> settings() {
                    return List.of();
                }

                @Override
                public Sink create(Settings settings, ExtensionContext context) {
                    return new Sink() {
                        @Override
                        public void write(List<Row> batch) throws java.io.IOException {
                            if (FAILED.compareAndSet(false, true)) {
                                throw new java.io.IOException("the first write fails, injected by the test");
                            }
                        }

                        @Override
                        public void flush() {
                        }
                    };
                }
            }
            """;

    @TempDir
    Path home;
    private Path plugins;

    @BeforeEach
    void buildPlugins() throws IOException {
        plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJarBuilder.plugin("gen").version("2.3.4").source("com.example.gen.NumbersFactory", NUMBERS)
                .service(SourceFactory.class, "com.example.gen.NumbersFactory").buildJar(plugins);
        PluginJarBuilder.plugin("pick").source("com.example.pick.PickFactory", PICK)
                .service(ProcessorFactory.class, "com.example.pick.PickFactory").buildJar(plugins);
        PluginJarBuilder.plugin("out").source("com.example.out.DiscardFactory",
                Sources.discardingSink("com.example.out.DiscardFactory", "discard"))
                .service(SinkFactory.class, "com.example.out.DiscardFactory").buildJar(plugins);
        PluginJarBuilder.plugin("flaky").source("com.example.flaky.FlakyFactory", FLAKY)
                .service(SinkFactory.class, "com.example.flaky.FlakyFactory").buildJar(plugins);
    }

    private static PipelineConfig pipeline(String name, Map<String, Object> source, List<String> processors,
            String sink, ErrorPolicy errors, RestartPolicy restart) {
        String path = "$.pipelines." + name;
        List<StageConfig> stages = new java.util.ArrayList<>();
        for (int i = 0; i < processors.size(); i++) {
            stages.add(new StageConfig(processors.get(i), Map.of(), path + ".processors[" + i + "]"));
        }
        return new PipelineConfig(name, new StageConfig("gen/numbers", source, path + ".source"), stages,
                new StageConfig(sink, Map.of(), path + ".sink"), 500, 10, 1024, Timeouts.DEFAULT, errors, restart, 0,
                path);
    }

    /** Runs the pipelines to their end and returns a scrape taken afterwards, with the final summary. */
    private Scrape run(PipelineConfig... pipelines) throws Exception {
        PatchbayConfig config = new PatchbayConfig(home.resolve("config/patchbay.json"), home, plugins, Set.of(),
                Set.of(), home.resolve("state"), "text", "INFO", 30, List.of(pipelines), ConfigLocations.none());
        CallLatencyHistogram latency = new CallLatencyHistogram();
        StringWriter err = new StringWriter();
        try (Host host = Host.open(new Host.Spec(config, config.pipelines(), List.of(), PipelineRuntime.Mode.RUN,
                "patchbay run"), RunCommand::startPlatform, PluginLoggers::forStage, (id, enabled, known) -> {
                }, new PrintWriter(err, true), latency)) {
            HostMetrics metrics = new HostMetrics(host::view, latency);
            host.start();
            RunSummary summary = host.finish(host.awaitPipelines());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            metrics.write(out);
            assertThat(metrics.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            return new Scrape(out.toString(StandardCharsets.UTF_8), summary);
        }
    }

    private record Scrape(String text, RunSummary summary) {
        PrometheusText parsed() {
            return PrometheusText.parse(text);
        }
    }

    private static ErrorPolicy tolerateAll() {
        return new ErrorPolicy(ErrorPolicy.Tolerance.ALL, Optional.empty(), ErrorPolicy.MAX_FAILURES,
                ErrorPolicy.DEFAULT_MAX_FAILURE_RATIO);
    }

    @Test
    @Timeout(120)
    void aScrapeAfterTheRunCountsRecordsPerStageAndPipelineAndTheCallsPerChunk() throws Exception {
        Scrape scrape = run(pipeline("main", Map.of("count", 10_000L, "perPoll", 500L), List.of("pick/pick"),
                "out/discard", tolerateAll(), RestartPolicy.DEFAULT));
        PrometheusText text = scrape.parsed();

        assertThat(scrape.summary().exitCode()).as(scrape.text()).isZero();
        String[] source = {"pipeline", "main", "stage", "source", "plugin", "gen"};
        String[] pick = {"pipeline", "main", "stage", "processors[0]", "plugin", "pick"};
        String[] sink = {"pipeline", "main", "stage", "sink", "plugin", "out"};
        assertThat(text.value("patchbay_stage_records_in_total", source)).isEqualTo(10_000);
        assertThat(text.value("patchbay_stage_records_out_total", source)).isEqualTo(10_000);
        assertThat(text.value("patchbay_stage_records_in_total", pick)).isEqualTo(10_000);
        // 1000 multiples of 10 dropped, 10 skipped (n % 1000 == 3), 10 thrown and set aside (n % 1000 == 7).
        assertThat(text.value("patchbay_stage_records_out_total", pick)).isEqualTo(8_980);
        assertThat(text.value("patchbay_stage_records_filtered", pick)).isEqualTo(1_020);
        assertThat(text.value("patchbay_stage_records_skipped_total", pick)).isEqualTo(10);
        assertThat(text.value("patchbay_stage_records_failed_total", pick)).isEqualTo(10);
        assertThat(text.value("patchbay_plugin_records_failed_total", "plugin", "pick")).isEqualTo(10);
        assertThat(text.value("patchbay_stage_records_in_total", sink)).isEqualTo(8_980);
        assertThat(text.value("patchbay_stage_records_out_total", sink)).isEqualTo(8_980);
        assertThat(text.value("patchbay_stage_counter_total", "pipeline", "main", "stage", "processors[0]",
                "plugin", "pick", "name", "oddSeen")).isEqualTo(5_000);
        assertThat(text.value("patchbay_pipeline_records_dead_lettered_total", "pipeline", "main"))
                .isEqualTo(scrape.summary().pipelines().get(0).rejectedRecords()).isGreaterThanOrEqualTo(10);
        assertThat(text.value("patchbay_pipeline_uncommitted_records", "pipeline", "main")).isZero();
        assertThat(text.value("patchbay_pipeline_queued_records", "pipeline", "main")).isZero();
        assertThat(text.value("patchbay_pipeline_checkpoint_age_seconds", "pipeline", "main")).isBetween(0.0, 60.0);
        assertThat(text.value("patchbay_pipeline_restarts_total", "pipeline", "main")).isZero();
        assertThat(text.value("patchbay_pipeline_state", "pipeline", "main", "state", "COMPLETED")).isEqualTo(1);
        assertThat(text.find("patchbay_pipeline_state", "pipeline", "main"))
                .hasSize(PipelineMetrics.STATES.size())
                .filteredOn(s -> s.value() == 1).hasSize(1);

        // 20 polls of 500 records and the poll that ends; each poll's 500 go on in two chunks (at most 256 each).
        String histogram = CallLatencyHistogram.NAME;
        assertThat(text.value(histogram + "_count", "stage", "source", "call", "poll")).isEqualTo(21);
        assertThat(text.value(histogram + "_count", "stage", "processors[0]", "call", "process"))
                .isBetween(40.0, 45.0);
        assertThat(text.value(histogram + "_count", "stage", "sink", "call", "write")).isBetween(18.0, 25.0);
        // One flush per commit interval while records flow and one at the end, each covering many writes.
        assertThat(text.value(histogram + "_count", "stage", "sink", "call", "flush"))
                .isBetween(1.0, text.value(histogram + "_count", "stage", "sink", "call", "write") / 2);
        assertThat(text.value(histogram + "_bucket", "stage", "processors[0]", "call", "process", "le", "+Inf"))
                .isEqualTo(text.value(histogram + "_count", "stage", "processors[0]", "call", "process"));
        assertThat(text.value(histogram + "_sum", "stage", "processors[0]", "call", "process")).isPositive();
        assertThat(text.find(histogram + "_bucket", "stage", "sink", "call", "write"))
                .hasSize(CallLatencyHistogram.BUCKETS.length + 1);
    }

    @Test
    @Timeout(120)
    void pluginsAreReportedWithVersionStateExtensionsAndFailuresAndTheJvmIsThere() throws Exception {
        Scrape scrape = run(pipeline("flaky", Map.of("count", 1_000L, "perPoll", 100L), List.of(), "flaky/flaky",
                ErrorPolicy.DEFAULT, new RestartPolicy(RestartPolicy.Policy.ON_FAILURE, 3, 0, 0, 1, 0)));
        PrometheusText text = scrape.parsed();

        assertThat(scrape.summary().exitCode()).as(scrape.text()).isZero();
        assertThat(text.value("patchbay_pipeline_restarts_total", "pipeline", "flaky")).isEqualTo(1);
        assertThat(text.value("patchbay_pipeline_state", "pipeline", "flaky", "state", "COMPLETED")).isEqualTo(1);
        double failed = text.value("patchbay_stage_records_failed_total", "pipeline", "flaky", "stage", "sink");
        assertThat(failed).isPositive();
        assertThat(text.value("patchbay_plugin_records_failed_total", "plugin", "flaky")).isEqualTo(failed);
        assertThat(text.value("patchbay_plugin_records_failed_total", "plugin", "gen")).isZero();
        assertThat(text.value("patchbay_plugin_records_failed_total", "plugin", "pick")).isZero();
        assertThat(text.value("patchbay_stage_records_out_total", "pipeline", "flaky", "stage", "sink"))
                .isEqualTo(1_000);

        assertThat(text.value("patchbay_plugin_info", "plugin", "gen", "version", "2.3.4")).isEqualTo(1);
        assertThat(text.value("patchbay_plugin_info", "plugin", "pick", "version", "1.0.0")).isEqualTo(1);
        assertThat(text.value("patchbay_plugin_state", "plugin", "gen", "state", "STARTED")).isEqualTo(1);
        assertThat(text.value("patchbay_plugin_state", "plugin", "gen", "state", "FAILED")).isZero();
        assertThat(text.value("patchbay_plugin_extensions", "plugin", "gen")).isEqualTo(1);
        assertThat(text.value("patchbay_host_state", "state", "RUNNING")
                + text.value("patchbay_host_state", "state", "STOPPED")).isEqualTo(1);

        for (String jvm : List.of("jvm_memory_used_bytes", "jvm_threads_current", "jvm_gc_collection_seconds_count",
                "jvm_classes_currently_loaded")) {
            assertThat(text.first(jvm)).as(jvm).isPresent();
        }
        assertThat(text.value("jvm_memory_used_bytes", "area", "heap")).isPositive();
    }
}
