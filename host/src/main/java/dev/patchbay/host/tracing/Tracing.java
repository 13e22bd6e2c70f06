package dev.patchbay.host.tracing;

import dev.patchbay.host.config.TracingSettings;
import dev.patchbay.host.pipeline.RunTracer;

/**
 * The host's tracing: a {@link RunTracer} to hand to the pipeline runtime, closed when the host ends so that the
 * spans still queued are delivered.
 *
 * <pre>{@code
 * try (Tracing tracing = Tracing.from(configuration.tracing())) {
 *     PipelineRuntime runtime = new PipelineRuntime(pipelines, catalog, checkpoints, home, loggers, tracing);
 *     ...
 * }
 * }</pre>
 *
 * <p>Close it after the runtime: an attempt's span ends when the attempt ends.
 */
public interface Tracing extends RunTracer, AutoCloseable {

    /** Tracing off: the runtime's {@link RunTracer#NOOP}, and no OpenTelemetry class is loaded. */
    Tracing OFF = new Tracing() {
        @Override
        public Attempt attemptStarted(String pipeline, int number) {
            return Attempt.NOOP;
        }

        @Override
        public void close() {
            // nothing was started
        }
    };

    /**
     * Tracing as configured: {@link #OFF} without an endpoint, else spans exported over OTLP/HTTP to
     * {@link TracingSettings#tracesUri()} in the background. Nothing is contacted here; an unreachable collector
     * is logged when an export fails, and never fails a pipeline.
     */
    static Tracing from(TracingSettings settings) {
        if (!settings.enabled()) {
            return OFF;
        }
        // Referenced only here, so that with tracing off the OpenTelemetry classes are never loaded.
        return OtelTracing.exportingTo(settings);
    }

    /** Delivers the spans still queued, waiting a bounded time, and stops the export threads. Never throws. */
    @Override
    void close();
}
