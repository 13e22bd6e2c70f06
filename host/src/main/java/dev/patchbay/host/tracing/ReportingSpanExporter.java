package dev.patchbay.host.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs export failures once per outage: a WARN when exports start failing, an INFO when they succeed again, so a
 * collector that is down for an hour costs two lines rather than one per batch. Failures never reach the pipelines:
 * the batch span processor drops the batch and carries on.
 */
final class ReportingSpanExporter implements SpanExporter {

    private static final Logger LOG = LoggerFactory.getLogger(ReportingSpanExporter.class);

    private final SpanExporter delegate;
    private final String destination;
    private final AtomicBoolean failing = new AtomicBoolean();

    ReportingSpanExporter(SpanExporter delegate, String destination) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.destination = Objects.requireNonNull(destination, "destination");
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        CompletableResultCode result = delegate.export(spans);
        result.whenComplete(() -> report(result, spans.size()));
        return result;
    }

    private void report(CompletableResultCode result, int spans) {
        if (result.isSuccess()) {
            if (failing.compareAndSet(true, false)) {
                LOG.info("tracing: spans reach {} again", destination);
            }
        } else if (failing.compareAndSet(false, true)) {
            LOG.warn("tracing: {} spans could not be sent to {}: {}; the pipelines carry on, spans are dropped until "
                    + "the collector answers (logged once, and again when it does); check tracing.otlpEndpoint",
                    spans, destination, reason(result.getFailureThrowable()));
        }
    }

    /** The innermost cause names what went wrong (the SDK wraps a refused connection without its message). */
    private static String reason(Throwable failure) {
        if (failure == null) {
            return "the collector did not accept them";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
