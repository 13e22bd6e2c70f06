package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.RestartPolicy;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import dev.patchbay.host.tracing.OtelRunTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spans a real pipeline run reports through {@link RunTracer}, recorded by the OpenTelemetry adapter into the
 * SDK's in-memory exporter: one per attempt, one per restart, one per sink batch, none per record.
 */
class PipelineTracingTest {

    private static final AttributeKey<String> PIPELINE = AttributeKey.stringKey("patchbay.pipeline");
    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("patchbay.attempt");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("patchbay.outcome");
    private static final AttributeKey<String> RESUMED_FROM = AttributeKey.stringKey("patchbay.resumed_from");
    private static final AttributeKey<String> STAGE = AttributeKey.stringKey("patchbay.stage");
    private static final AttributeKey<Long> RECORDS = AttributeKey.longKey("patchbay.records");
    private static final AttributeKey<Long> RESTART = AttributeKey.longKey("patchbay.restart");
    private static final AttributeKey<Long> DELAY = AttributeKey.longKey("patchbay.restart.delay_ms");
    private static final AttributeKey<String> CAUSE = AttributeKey.stringKey("patchbay.restart.cause");

    @TempDir
    Path home;

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final NumbersFactory numbers = new NumbersFactory();
    private final MemorySinkFactory memory = new MemorySinkFactory();

    @AfterEach
    void closeTheProvider() {
        provider.close();
    }

    private PipelineRuntime runtime(PipelineConfig pipeline) {
        return new PipelineRuntime(List.of(pipeline), new TestCatalog().plugin("gen", numbers).plugin("mem", memory),
                new CheckpointStore(home.resolve("state")), home, PipelineRuntimeTest.LOGGERS,
                new OtelRunTracer(provider.get("test")));
    }

    private List<SpanData> spans(String name) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    @Test
    void aRunIsOneAttemptSpanWithOneChildSpanPerSinkBatch() throws Exception {
        PipelineRuntime runtime = runtime(PipelineRuntimeTest.pipeline("demo", Map.of("count", 1000L, "perPoll", 50L),
                List.of(), 100, 10_000, 512));

        runtime.start();
        assertThat(runtime.awaitCompletion().exitCode()).isZero();
        runtime.close();

        assertThat(spans("pipeline.attempt")).singleElement().satisfies(attempt -> {
            assertThat(attempt.getAttributes().get(PIPELINE)).isEqualTo("demo");
            assertThat(attempt.getAttributes().get(ATTEMPT)).isEqualTo(1L);
            assertThat(attempt.getAttributes().get(OUTCOME)).isEqualTo("COMPLETED");
            assertThat(attempt.getAttributes().get(RESUMED_FROM)).isNull();
            assertThat(attempt.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
            assertThat(attempt.getParentSpanContext().isValid()).as("an attempt is a root span").isFalse();
        });
        SpanData attempt = spans("pipeline.attempt").get(0);
        List<SpanData> batches = spans("sink.batch");
        assertThat(batches).hasSize(memory.batchSizes.size()).allSatisfy(batch -> {
            assertThat(batch.getParentSpanId()).isEqualTo(attempt.getSpanId());
            assertThat(batch.getTraceId()).isEqualTo(attempt.getTraceId());
            assertThat(batch.getAttributes().get(PIPELINE)).isEqualTo("demo");
            assertThat(batch.getAttributes().get(STAGE)).isEqualTo("sink");
            assertThat(batch.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        });
        assertThat(batches).extracting(b -> b.getAttributes().get(RECORDS).intValue())
                .containsExactlyElementsOf(memory.batchSizes);
        assertThat(batches.stream().mapToLong(b -> b.getAttributes().get(RECORDS)).sum()).isEqualTo(1000);
        assertThat(spans("pipeline.restart")).isEmpty();
        assertThat(exporter.getFinishedSpanItems()).as("nothing but attempts and batches, never a record")
                .hasSize(1 + batches.size());
    }

    @Test
    void aFailedWriteIsAnErrorBatchAndAFailedAttemptFollowedByARestartSpanAndASecondAttempt() throws Exception {
        memory.failOnWrite = 3;
        PipelineConfig pipeline = PipelineRuntimeTest.pipeline("orders", Map.of("count", 1000L, "perPoll", 100L),
                List.of(), 100, 10_000, 512).withRestart(new RestartPolicy(RestartPolicy.Policy.ON_FAILURE, 1, 20, 20,
                        2, 0)).withCommitIntervalMillis(0);
        PipelineRuntime runtime = runtime(pipeline);

        runtime.start();
        assertThat(runtime.awaitCompletion().exitCode()).isZero();
        runtime.close();

        List<SpanData> attempts = spans("pipeline.attempt");
        assertThat(attempts).extracting(a -> a.getAttributes().get(ATTEMPT)).containsExactly(1L, 2L);
        SpanData failed = attempts.get(0);
        SpanData second = attempts.get(1);
        assertThat(failed.getAttributes().get(OUTCOME)).isEqualTo("FAILED");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getStatus().getDescription()).contains("disk full on write 3");
        assertThat(second.getAttributes().get(OUTCOME)).isEqualTo("COMPLETED");
        assertThat(second.getAttributes().get(RESUMED_FROM)).as("two batches were committed before the failure")
                .isEqualTo("200");
        assertThat(second.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);

        assertThat(spans("pipeline.restart")).singleElement().satisfies(restart -> {
            assertThat(restart.getParentSpanId()).as("the back-off follows the failed attempt")
                    .isEqualTo(failed.getSpanId());
            assertThat(restart.getAttributes().get(PIPELINE)).isEqualTo("orders");
            assertThat(restart.getAttributes().get(RESTART)).isEqualTo(1L);
            assertThat(restart.getAttributes().get(DELAY)).isEqualTo(20L);
            assertThat(restart.getAttributes().get(CAUSE)).contains("disk full on write 3");
            assertThat(restart.getStartEpochNanos()).isGreaterThanOrEqualTo(failed.getEndEpochNanos());
            assertThat(restart.getEndEpochNanos()).isLessThanOrEqualTo(second.getStartEpochNanos());
        });

        List<SpanData> batches = spans("sink.batch");
        assertThat(batches).filteredOn(b -> b.getStatus().getStatusCode() == StatusCode.ERROR).singleElement()
                .satisfies(bad -> {
                    assertThat(bad.getParentSpanId()).isEqualTo(failed.getSpanId());
                    assertThat(bad.getAttributes().get(RECORDS)).isEqualTo(100L);
                    assertThat(bad.getStatus().getDescription()).contains("disk full on write 3");
                });
        assertThat(batches).filteredOn(b -> b.getParentSpanId().equals(second.getSpanId()))
                .extracting(b -> b.getAttributes().get(RECORDS)).containsOnly(100L).hasSize(8);
    }

    @Test
    void withoutATracerNothingIsAllocatedForASpan() {
        RunTracer.Attempt attempt = RunTracer.NOOP.attemptStarted("demo", 1);

        assertThat(attempt).isSameAs(RunTracer.Attempt.NOOP);
        assertThat(attempt.batch("sink", 100)).isSameAs(RunTracer.Span.NOOP);
        assertThat(attempt.restart(1, 100, "cause")).isSameAs(RunTracer.Span.NOOP);
        attempt.end("COMPLETED", Optional.empty(), Optional.empty());
    }
}
