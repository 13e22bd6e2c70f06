package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.cli.RunCommand;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.PluginLoggers;
import dev.patchbay.host.plugin.PluginPlatform;
import dev.patchbay.host.plugin.PluginThread;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A processor that starts a thread in {@code create()} and never stops it: after {@code run} has ended every
 * pipeline and closed every stage, the platform reports the thread with the id of the plugin that started it.
 */
class PluginThreadsLeftRunTest {

    private static final String LEAKY = """
            package com.example.leaky;

            import dev.patchbay.api.*;
            import java.util.List;
            import java.util.concurrent.locks.LockSupport;

            @Extension(name = "leak", description = "Passes records through and starts a thread it never stops.")
            public class LeakFactory implements ProcessorFactory {
                @Override
                public List<Setting> settings() {
                    return List.of();
                }

                @Override
                public Processor create(Settings settings, ExtensionContext context) {
                    new Thread(() -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            LockSupport.park();
                        }
                    }, "leaky-poller").start();
                    return (record, out) -> out.emit(record);
                }
            }
            """;



    @TempDir
    Path home;

    @AfterEach
    void stopTheLeakedThread() throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("leaky-poller")) {
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(10));
                assertThat(thread.isAlive()).as("the leaked thread ended once interrupted").isFalse();
            }
        }
    }

    @Test
    void aThreadStartedInCreateAndNeverStoppedIsReportedWithItsPluginAfterThePipelinesEnd() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJarBuilder.plugin("basics").source("com.example.basics.CountFactory",
                        Sources.countingSource("com.example.basics.CountFactory", "count", 100))
                .service(SourceFactory.class, "com.example.basics.CountFactory")
                .source("com.example.basics.DropFactory",
                        Sources.discardingSink("com.example.basics.DropFactory", "drop"))
                .service(SinkFactory.class, "com.example.basics.DropFactory").buildJar(plugins);
        PluginJarBuilder.plugin("leaky").source("com.example.leaky.LeakFactory", LEAKY)
                .service(ProcessorFactory.class, "com.example.leaky.LeakFactory").buildJar(plugins);
        String path = "$.pipelines.leak";
        PipelineConfig pipeline = new PipelineConfig("leak", new StageConfig("basics/count", Map.of(), path + ".source"),
                List.of(new StageConfig("leaky/leak", Map.of(), path + ".processors[0]")),
                new StageConfig("basics/drop", Map.of(), path + ".sink"), 10, 10, 64, path);
        PatchbayConfig config = new PatchbayConfig(home.resolve("config/patchbay.json"), home, plugins, Set.of(),
                Set.of(), home.resolve("state"), "text", "INFO", 30, List.of(pipeline), ConfigLocations.none());
        AtomicReference<PluginPlatform> platform = new AtomicReference<>();
        CommandLine line = new CommandLine(new RunCommand(() -> config, c -> {
            platform.set((PluginPlatform) RunCommand.startPlatform(c));
            return platform.get();
        }, PluginLoggers::forStage));
        StringWriter out = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(out, true));

        int exit = line.execute();

        assertThat(exit).as(out.toString()).isZero();
        List<PluginThread> left = platform.get().threadsLeft();
        assertThat(left).extracting(PluginThread::threadName, PluginThread::pluginId)
                .containsExactly(tuple("leaky-poller", "leaky"));
        assertThat(left.get(0).topFrame()).startsWith("com.example.leaky.LeakFactory.lambda$");
    }
}
