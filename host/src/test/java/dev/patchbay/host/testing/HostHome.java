package dev.patchbay.host.testing;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.cli.RunCommand;
import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.config.ConfigSource;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.PluginLoggers;
import dev.patchbay.host.service.Host;
import dev.patchbay.host.service.HostException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A Patchbay home for host tests, with real plugin jars: {@code basics} (sources {@code count}, 1 to 500, and
 * {@code endless}, which never ends; sink {@code drop}) and {@code breaks} (processor {@code boom}, which fails
 * every record), and {@code spare} (sink {@code sink}). Shared by the service, admin and CLI tests.
 */
public final class HostHome {

    public static final long DEADLINE_NANOS = 30_000_000_000L;

    private static final String BOOM = """
            package com.example.breaks;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "boom", description = "Fails on every record.")
            public class BoomFactory implements ProcessorFactory {
                @Override
                public List<Setting> settings() {
                    return List.of();
                }

                @Override
                public Processor create(Settings settings, ExtensionContext context) {
                    return (record, out) -> {
                        throw new IllegalStateException("boom");
                    };
                }
            }
            """;

    public final Path home;
    public final StringWriter err = new StringWriter();
    public final List<String> persisted = new ArrayList<>();

    public HostHome(Path home) throws IOException {
        this.home = home;
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJarBuilder.plugin("basics")
                .source("com.example.basics.CountFactory",
                        Sources.countingSource("com.example.basics.CountFactory", "count", 500))
                .service(SourceFactory.class, "com.example.basics.CountFactory")
                .source("com.example.basics.EndlessFactory",
                        Sources.countingSource("com.example.basics.EndlessFactory", "endless", Long.MAX_VALUE))
                .service(SourceFactory.class, "com.example.basics.EndlessFactory")
                .source("com.example.basics.DropFactory", Sources.discardingSink("com.example.basics.DropFactory", "drop"))
                .service(SinkFactory.class, "com.example.basics.DropFactory").buildJar(plugins);
        PluginJarBuilder.plugin("breaks")
                .source("com.example.breaks.BoomFactory", BOOM)
                .service(ProcessorFactory.class, "com.example.breaks.BoomFactory").buildJar(plugins);
        PluginJarBuilder.plugin("spare")
                .source("com.example.spare.SpareFactory", Sources.discardingSink("com.example.spare.SpareFactory", "sink"))
                .service(SinkFactory.class, "com.example.spare.SpareFactory").buildJar(plugins);
    }

    /** Writes {@code config/patchbay.json} with these pipelines (JSON members) and reads it. */
    public PatchbayConfig config(String pluginsSection, String pipelines) throws IOException {
        return config(pluginsSection, pipelines, "");
    }

    /**
     * Writes {@code config/patchbay.json} with these pipelines and {@code more} top-level members (such as
     * {@code "admin": {...}}, without a leading comma) and reads it.
     */
    public PatchbayConfig config(String pluginsSection, String pipelines, String more) throws IOException {
        Path file = Files.createDirectories(home.resolve("config")).resolve("patchbay.json");
        Files.writeString(file, "{\"plugins\": {" + pluginsSection + "}, \"runtime\": {\"shutdownGraceSeconds\": 20},"
                + " \"pipelines\": {" + pipelines + "}" + (more.isEmpty() ? "" : ", " + more) + "}",
                StandardCharsets.UTF_8);
        return new ConfigReader(name -> null).read(new ConfigSource(home, file, true));
    }

    public Host open(PatchbayConfig config, PipelineRuntime.Mode mode) throws HostException {
        return open(config, mode, catalog -> {
        });
    }

    /**
     * As {@link #open(PatchbayConfig, PipelineRuntime.Mode)}, handing the plugin platform it starts to
     * {@code platform}, for tests that look into it.
     */
    public Host open(PatchbayConfig config, PipelineRuntime.Mode mode, Consumer<ExtensionCatalog> platform)
            throws HostException {
        return Host.open(new Host.Spec(config, config.pipelines(), List.of(), mode, "patchbay test"), c -> {
            ExtensionCatalog catalog = RunCommand.startPlatform(c);
            platform.accept(catalog);
            return catalog;
        }, PluginLoggers::forStage,
                (id, enabled, known) -> persisted.add((enabled ? "enable " : "disable ") + id),
                new PrintWriter(err, true));
    }

    public static String pipeline(String name, String source, String processors, String restart) {
        return "\"" + name + "\": {\"source\": {\"use\": \"basics/" + source + "\"}, \"processors\": [" + processors
                + "], \"sink\": {\"use\": \"basics/drop\"}, \"batchSize\": 50, \"lingerMillis\": 5"
                + (restart.isEmpty() ? "" : ", \"restart\": " + restart) + "}";
    }

    public static RunSummary.PipelineSummary pipelineOf(Host host, String name) {
        return host.view().pipeline(name).orElseThrow();
    }

    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }
}
