package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.config.ConfigSource;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.plugin.PluginLoggers;
import dev.patchbay.host.service.Host;
import dev.patchbay.host.service.PluginSelectionStore;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What serve runs beside the host: the admin API with GET /metrics fed by the host's own stage calls. */
class ServeAdaptersTest {

    @TempDir
    Path home;

    @Test
    void metricsAreServedWithTheCallLatencyOfTheHostsStageCalls() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJarBuilder.plugin("basics")
                .source("com.example.basics.CountFactory", Sources.countingSource("com.example.basics.CountFactory",
                        "count", 1000))
                .service(SourceFactory.class, "com.example.basics.CountFactory")
                .source("com.example.basics.DropFactory", Sources.discardingSink("com.example.basics.DropFactory",
                        "drop"))
                .service(SinkFactory.class, "com.example.basics.DropFactory").buildJar(plugins);
        Path file = Files.createDirectories(home.resolve("config")).resolve("patchbay.json");
        Files.writeString(file, "{\"admin\": {\"port\": 0}, \"pipelines\": {\"once\": {\"source\": {\"use\": "
                + "\"basics/count\"}, \"sink\": {\"use\": \"basics/drop\"}}}}");
        PatchbayConfig config = new ConfigReader(name -> null).read(new ConfigSource(home, file, true));
        ServeAdapters adapters = new ServeAdapters(List.of());
        try (Host host = Host.open(new Host.Spec(config, config.pipelines(), List.of(), PipelineRuntime.Mode.SERVE,
                        "patchbay test"), RunCommand::startPlatform, PluginLoggers::forStage, PluginSelectionStore.NONE,
                new PrintWriter(new StringWriter(), true), adapters.calls())) {
            host.start();
            AutoCloseable api = adapters.start(host);
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!host.view().pipeline("once").orElseThrow().state().equals("COMPLETED")) {
                    assertThat(System.nanoTime()).as("the pipeline completes in time").isLessThan(deadline);
                    Thread.sleep(5);
                }
                String port = Files.readString(home.resolve("state/admin.port")).strip();
                HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("text/plain; version=0.0.4"));
                assertThat(metrics.body()).contains(
                        "patchbay_stage_records_out_total{pipeline=\"once\",plugin=\"basics\",stage=\"source\"} 1000.0",
                        "patchbay_pipeline_state{pipeline=\"once\",state=\"COMPLETED\"} 1.0")
                        .containsPattern("patchbay_stage_call_duration_seconds_count\\{call=\"poll\",pipeline=\"once\","
                                + "plugin=\"basics\",stage=\"source\"} [1-9]");
            } finally {
                api.close();
            }
            host.shutdown("the test is done");
            host.finish(host.awaitShutdown());
        }
    }
}
