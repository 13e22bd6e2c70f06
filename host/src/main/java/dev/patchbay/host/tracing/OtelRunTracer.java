package dev.patchbay.host.tracing;

import dev.patchbay.host.pipeline.RunTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * The runtime's {@link RunTracer} recorded as OpenTelemetry spans: {@value #ATTEMPT_SPAN} (a root span per attempt),
 * {@value #BATCH_SPAN} and {@value #RESTART_SPAN} (its children). Parents are passed explicitly, never through the
 * thread's current context, because an attempt's spans are made on several threads. ({@code Span} below is the
 * seam's {@link RunTracer.Span}; OpenTelemetry's is written out in full.)
 */
public final class OtelRunTracer implements RunTracer {

    public static final String ATTEMPT_SPAN = "pipeline.attempt";
    public static final String BATCH_SPAN = "sink.batch";
    public static final String RESTART_SPAN = "pipeline.restart";

    static final AttributeKey<String> PIPELINE = AttributeKey.stringKey("patchbay.pipeline");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("patchbay.attempt");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("patchbay.outcome");
    static final AttributeKey<String> RESUMED_FROM = AttributeKey.stringKey("patchbay.resumed_from");
    static final AttributeKey<String> STAGE = AttributeKey.stringKey("patchbay.stage");
    static final AttributeKey<Long> RECORDS = AttributeKey.longKey("patchbay.records");
    static final AttributeKey<Long> RESTART = AttributeKey.longKey("patchbay.restart");
    static final AttributeKey<Long> DELAY_MILLIS = AttributeKey.longKey("patchbay.restart.delay_ms");
    static final AttributeKey<String> CAUSE = AttributeKey.stringKey("patchbay.restart.cause");

    private final Tracer tracer;

    /** @param tracer where the spans are made, such as {@code SdkTracerProvider.get("dev.patchbay.host")} */
    public OtelRunTracer(Tracer tracer) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
    }

    @Override
    public Attempt attemptStarted(String pipeline, int number) {
        io.opentelemetry.api.trace.Span span = tracer.spanBuilder(ATTEMPT_SPAN).setNoParent().setAttribute(PIPELINE, pipeline)
                .setAttribute(ATTEMPT, (long) number).startSpan();
        return new OtelAttempt(tracer, span, pipeline);
    }

    /** One attempt's span and the parent context of its children, made once. */
    private static final class OtelAttempt implements Attempt {

        private final Tracer tracer;
        private final io.opentelemetry.api.trace.Span span;
        private final Context parent;
        private final String pipeline;

        OtelAttempt(Tracer tracer, io.opentelemetry.api.trace.Span span, String pipeline) {
            this.tracer = tracer;
            this.span = span;
            this.parent = Context.root().with(span);
            this.pipeline = pipeline;
        }

        @Override
        public RunTracer.Span batch(String stage, int records) {
            return new OtelSpan(tracer.spanBuilder(BATCH_SPAN).setParent(parent).setAttribute(PIPELINE, pipeline)
                    .setAttribute(STAGE, stage).setAttribute(RECORDS, (long) records).startSpan());
        }

        @Override
        public RunTracer.Span restart(int number, long delayMillis, String cause) {
            return new OtelSpan(tracer.spanBuilder(RESTART_SPAN).setParent(parent).setAttribute(PIPELINE, pipeline)
                    .setAttribute(RESTART, (long) number).setAttribute(DELAY_MILLIS, delayMillis)
                    .setAttribute(CAUSE, cause).startSpan());
        }

        @Override
        public void end(String outcome, Optional<String> resumedFrom, Optional<String> failure) {
            span.setAttribute(OUTCOME, outcome);
            resumedFrom.ifPresent(position -> span.setAttribute(RESUMED_FROM, position));
            failure.ifPresent(message -> span.setStatus(StatusCode.ERROR, message));
            span.end();
        }
    }

    /** A batch or a back-off. */
    private static final class OtelSpan implements RunTracer.Span {

        private final io.opentelemetry.api.trace.Span span;

        OtelSpan(io.opentelemetry.api.trace.Span span) {
            this.span = span;
        }

        @Override
        public void failed(String message) {
            span.setStatus(StatusCode.ERROR, message);
        }

        @Override
        public void end() {
            span.end();
        }
    }
}
