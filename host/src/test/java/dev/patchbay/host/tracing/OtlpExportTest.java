package dev.patchbay.host.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.patchbay.host.config.TracingSettings;
import dev.patchbay.host.pipeline.RunTracer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against a small OTLP/HTTP receiver: spans leave as protobuf POSTs to {@code /v1/traces}. */
class OtlpExportTest {

    private static final long DEADLINE_SECONDS = 20;

    /** One POST as the receiver saw it. */
    record Received(String method, String path, String contentType, byte[] body) {
        boolean contains(String text) {
            return new String(body, StandardCharsets.ISO_8859_1).contains(text);
        }
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private HttpServer receiver;

    @BeforeEach
    void startTheReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", this::receive);
        receiver.start();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            // An empty ExportTraceServiceResponse: protobuf encodes it as no bytes at all.
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.stop(0);
    }

    private TracingSettings settings() {
        return new TracingSettings(Optional.of(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort())),
                "patchbay-under-test");
    }

    private static void traceOneAttempt(RunTracer tracer) {
        RunTracer.Attempt attempt = tracer.attemptStarted("orders", 1);
        RunTracer.Span batch = attempt.batch("sink", 500);
        batch.end();
        attempt.end("COMPLETED", Optional.empty(), Optional.empty());
    }

    @Test
    void spansArePostedAsProtobufToTheTracesPathWhileTheHostRuns() throws Exception {
        try (Tracing tracing = Tracing.from(settings())) {
            traceOneAttempt(tracing);

            Received request = received.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);

            assertThat(request).as("a request within %d s", DEADLINE_SECONDS).isNotNull();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/traces");
            assertThat(request.contentType()).isEqualTo("application/x-protobuf");
            assertThat(request.contains(OtelRunTracer.ATTEMPT_SPAN)).isTrue();
            assertThat(request.contains(OtelRunTracer.BATCH_SPAN)).isTrue();
            assertThat(request.contains("orders")).isTrue();
            assertThat(request.contains("service.name")).isTrue();
            assertThat(request.contains("patchbay-under-test")).isTrue();
        }
    }

    @Test
    void closeDeliversTheQueuedSpansAndStopsTheExportThreads() throws Exception {
        Tracing tracing = Tracing.from(settings());
        traceOneAttempt(tracing);

        tracing.close();

        assertThat(received.poll()).as("delivered before close() returned").isNotNull()
                .satisfies(request -> assertThat(request.contains(OtelRunTracer.ATTEMPT_SPAN)).isTrue());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!exportThreads().isEmpty()) {
            assertThat(System.nanoTime()).as("export threads left: %s", exportThreads()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void anUnreachableCollectorNeverFailsTheCallerAndCloseKeepsItsDeadline() throws Exception {
        receiver.stop(0);
        Tracing tracing = Tracing.from(settings());
        traceOneAttempt(tracing);

        long started = System.nanoTime();
        tracing.close();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                .isLessThanOrEqualTo(OtelTracing.CLOSE_DEADLINE_MILLIS + 2000);
        assertThat(received).isEmpty();
    }

    private static List<String> exportThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("BatchSpanProcessor") || name.startsWith("jdkhttp")).toList();
    }
}
