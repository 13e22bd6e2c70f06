package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchbay run} with {@code tracing.otlpEndpoint}: spans reach an OTLP/HTTP receiver; a dead one fails nothing. */
class TracingIT {

    @TempDir
    Path temp;

    /** The bodies of the POSTs to /v1/traces, as text (the span names are plain bytes in the protobuf). */
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void startTheReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/traces", this::receive);
        receiver.start();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.stop(0);
    }

    private static Patchbay configured(Patchbay patchbay, int port) throws IOException {
        try (Writer out = Files.newBufferedWriter(patchbay.home().resolve("data/in.csv"), StandardCharsets.UTF_8)) {
            out.write("id,name\n");
            for (int i = 0; i < 5000; i++) {
                out.write(i + ",n" + i + "\n");
            }
        }
        patchbay.config("""
                {
                  "plugins": { "directory": "%s" },
                  "tracing": { "otlpEndpoint": "http://127.0.0.1:%d", "serviceName": "patchbay-it" },
                  "pipelines": { "traced": {
                    "source": { "use": "files/csv-source", "settings": { "path": "data/in.csv" } },
                    "sink": { "use": "files/jsonl-sink", "settings": { "path": "out/traced.jsonl" } },
                    "batchSize": 1000 } }
                }
                """.formatted(patchbay.distPlugins().toString().replace("\\", "\\\\"), port));
        return patchbay;
    }

    @Test
    void aRunSendsItsAttemptAndBatchSpansToTheCollectorBeforeItExits() throws Exception {
        Patchbay patchbay = configured(new Patchbay(temp), receiver.getAddress().getPort());

        Patchbay.Result result = patchbay.run("run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(contentTypes).isNotEmpty().containsOnly("application/x-protobuf");
        String all = String.join("", bodies);
        assertThat(all).contains("pipeline.attempt", "sink.batch", "traced", "patchbay-it", "service.name");
        assertThat(result.stderr()).doesNotContain("SEVERE", "could not be sent");
    }

    @Test
    void anUnreachableCollectorIsOneWarningAndTheRunStillSucceeds() throws Exception {
        int port = receiver.getAddress().getPort();
        receiver.stop(0);
        Patchbay patchbay = configured(new Patchbay(temp), port);

        Patchbay.Result result = patchbay.run("run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readAllLines(patchbay.home().resolve("out/traced.jsonl"))).hasSize(5000);
        assertThat(result.stderr().lines().filter(l -> l.contains("could not be sent to http://127.0.0.1:" + port)))
                .as(result.stderr()).hasSize(1);
        assertThat(result.stderr()).doesNotContain("SEVERE");
    }

    @Test
    void theDistributionShipsTheJdkSenderAndNothingFromKotlinOrOkhttp() throws IOException {
        try (Stream<Path> jars = Files.list(Patchbay.dist().resolve("lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.startsWith("opentelemetry-exporter-sender-jdk-"))
                    .anyMatch(n -> n.startsWith("opentelemetry-sdk-trace-"))
                    .noneMatch(n -> n.contains("kotlin") || n.contains("okhttp") || n.contains("okio"));
        }
    }
}
