package dev.patchbay.host.tracing;

import dev.patchbay.host.config.TracingSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Tracing} through the OpenTelemetry SDK: a tracer provider of its own (never the global one), spans queued
 * by a {@link BatchSpanProcessor} and exported in the background, the resource attribute {@code service.name}.
 *
 * <p>Threads: the SDK's {@code BatchSpanProcessor_WorkerThread-N} and the JDK sender's {@code jdkhttp-executor-N}
 * (daemon threads named by the SDK), both stopped by {@link #close()}.
 */
final class OtelTracing implements Tracing {

    /** How long {@link #close()} waits for the queued spans to be delivered. */
    static final long CLOSE_DEADLINE_MILLIS = 5000;
    /** How long one export may take, retries included, before the batch is dropped. */
    static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(4);
    /** How often queued spans are sent. */
    static final Duration SCHEDULE_DELAY = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(OtelTracing.class);
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final String INSTRUMENTATION = "dev.patchbay.host";
    /**
     * The exporter's own java.util.logging logger, silenced while tracing runs: {@link ReportingSpanExporter} logs
     * each outage once through SLF4J instead of a SEVERE line per failed batch on standard error.
     */
    private static final String EXPORTER_JUL_LOGGER = "io.opentelemetry.exporter";

    private final SdkTracerProvider provider;
    private final OtelRunTracer tracer;
    private final URI destination;
    /** Held while tracing runs: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private final java.util.logging.Logger exporterLog;
    private final java.util.logging.Level exporterLevel;

    OtelTracing(SpanExporter exporter, String serviceName, URI destination) {
        Objects.requireNonNull(exporter, "exporter");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.exporterLog = java.util.logging.Logger.getLogger(EXPORTER_JUL_LOGGER);
        this.exporterLevel = exporterLog.getLevel();
        exporterLog.setLevel(java.util.logging.Level.OFF);
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName)));
        this.provider = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(new ReportingSpanExporter(exporter, destination.toString()))
                        .setScheduleDelay(SCHEDULE_DELAY).setExporterTimeout(EXPORT_TIMEOUT).build())
                .build();
        this.tracer = new OtelRunTracer(provider.get(INSTRUMENTATION));
        LOG.info("tracing: spans of pipeline attempts, restarts and sink batches go to {} as service.name \"{}\"",
                destination, serviceName);
    }

    /** Exports to the settings' OTLP/HTTP endpoint with the JDK's HTTP client. */
    static OtelTracing exportingTo(TracingSettings settings) {
        URI traces = settings.tracesUri().orElseThrow(() -> new IllegalArgumentException(
                "tracing is off (no tracing.otlpEndpoint), so there is nowhere to export to"));
        SpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(traces.toString())
                .setTimeout(EXPORT_TIMEOUT).setConnectTimeout(EXPORT_TIMEOUT.dividedBy(2))
                .setRetryPolicy(RetryPolicy.builder().setMaxAttempts(3).setInitialBackoff(Duration.ofMillis(250))
                        .setMaxBackoff(Duration.ofSeconds(1)).build())
                .build();
        return new OtelTracing(exporter, settings.serviceName(), traces);
    }

    @Override
    public Attempt attemptStarted(String pipeline, int number) {
        return tracer.attemptStarted(pipeline, number);
    }

    @Override
    public void close() {
        try {
            CompletableResultCode shutdown = provider.shutdown().join(CLOSE_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
            if (!shutdown.isDone()) {
                LOG.warn("tracing: the last spans were not delivered to {} within {} ms and are dropped; is the "
                        + "collector reachable?", destination, CLOSE_DEADLINE_MILLIS);
            }
        } finally {
            exporterLog.setLevel(exporterLevel);
        }
    }
}
