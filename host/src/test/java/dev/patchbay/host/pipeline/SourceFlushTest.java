package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Extension;
import dev.patchbay.api.Fields;
import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceContext;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.pipeline.TestStages.KeepEvenFactory;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code SourceContext.flush()} and {@code committed()}: a source that asks for a flush inside its poll gets every
 * record it emitted before durable and its position committed before the call returns, however long the commit
 * interval; it is refused outside its poll, and a forced stop ends the wait. Also {@code ExtensionContext.status},
 * which reaches the run summary.
 */
class SourceFlushTest {

    /** Long enough that nothing would be flushed during a test but for the source's request. */
    private static final long HOUR_MILLIS = 3_600_000;

    @TempDir
    Path home;

    private final FlushingFactory source = new FlushingFactory();
    private final MemorySinkFactory memory = new MemorySinkFactory();
    private PipelineRuntime runtime;

    @AfterEach
    void stop() throws InterruptedException {
        if (runtime != null) {
            runtime.forceStop("test over");
            runtime.awaitTermination(20, TimeUnit.SECONDS);
        }
    }

    private void start(List<String> processors, int parallelism, Map<String, Object> settings) {
        PipelineConfig config = PipelineRuntimeTest.pipeline("demo", settings, processors, 100, 10, 10_000)
                .withCommitIntervalMillis(HOUR_MILLIS).withParallelism(parallelism);
        TestCatalog catalog = new TestCatalog().plugin("gen", source).plugin("proc", new KeepEvenFactory())
                .plugin("mem", memory);
        runtime = new PipelineRuntime(PipelineRuntime.Mode.RUN, List.of(config), catalog,
                new CheckpointStore(home.resolve("state"), Clock.systemUTC()), home, PipelineRuntimeTest.LOGGERS,
                Clock.systemUTC(), RunTracer.NOOP);
        runtime.start();
    }

    /** The run's summary once it ended, within a deadline: a flush that is never done must fail the test, not hang. */
    private RunSummary complete() throws InterruptedException {
        assertThat(runtime.awaitTermination(20, TimeUnit.SECONDS)).as("the run ended").isTrue();
        return runtime.awaitCompletion();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @ParameterizedTest(name = "processors {0}, parallelism {1}")
    @CsvSource({"'', 1", "proc/keep-even, 1", "proc/keep-even, 2"})
    void aFlushInsidePollMakesEverythingEmittedBeforeItDurableAndCommitsThePositionOfTheLastPoll(
            String processor, int parallelism) throws Exception {
        List<String> processors = processor.isEmpty() ? List.of() : List.of(processor);
        // 1,000 records, 10 a poll; the sixth poll emits 5 records, then flushes, then emits 5 more.
        start(processors, parallelism, Map.of("count", 1_000L, "perPoll", 10L, "flushAtPoll", 6L));

        RunSummary summary = complete();

        assertThat(summary.exitCode()).isZero();
        FlushSeen flush = source.flushes.get(0);
        assertThat(flush.returned()).as("the position after the fifth poll").contains(new Position("50"));
        assertThat(flush.committedAfter()).contains(new Position("50"));
        // Records 0..54 were emitted before the call: the sink held them flushed when it returned (even ones only,
        // through keep-even).
        long expected = processors.isEmpty() ? 55 : 28;
        assertThat(flush.durableWhenReturned()).as("records durable when flush() returned").isEqualTo(expected);
        assertThat(source.committedInClose).as("committed() in close(), after the last commit")
                .contains(new Position("1000"));
        assertThat(source.flushedInClose).as("flush() in close(): everything is committed already")
                .contains(new Position("1000"));
    }

    @Test
    void committedFollowsTheSinksCommitsAndStartsAtTheResumePosition() throws Exception {
        start(List.of(), 1, Map.of("count", 100L, "perPoll", 10L, "flushAtPoll", 3L));

        RunSummary summary = complete();

        assertThat(summary.pipelines().get(0).stages().get(0).status()).as("the status value the source set last")
                .containsExactly(Map.entry("polls", "10"));
        assertThat(source.committedAtPoll.get(0)).as("before any commit: nothing, no checkpoint").isEmpty();
        assertThat(source.committedAtPoll.get(3)).as("at the poll after the flush").contains(new Position("20"));
    }

    @Test
    void aFlushFromAnotherThreadIsRefusedNamingThePipelineAndTheRule() throws Exception {
        start(List.of(), 1, Map.of("count", 100L, "perPoll", 10L, "flushAtPoll", 2L, "fromThread", true));

        complete();

        assertThat(source.refusals).singleElement().satisfies(refusal -> assertThat(refusal)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("pipeline 'demo': the source called flush() from thread 'flush-test'")
                .hasMessageContaining("only its own thread may, inside poll() or close()"));
    }

    @Test
    void aFlushDuringCreateIsRefusedAsOutsidePoll() throws Exception {
        start(List.of(), 1, Map.of("count", 10L, "perPoll", 10L, "flushInCreate", true));

        complete();

        assertThat(source.refusals).singleElement().satisfies(refusal -> assertThat(refusal)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("pipeline 'demo': the source called flush() outside poll() and close(); call it from "
                        + "poll(), for example from a rebalance listener the consumer runs inside poll"));
    }

    @Test
    void aForcedStopWhileTheSourceWaitsForItsFlushEndsTheWaitWithACancellation() throws Exception {
        memory.gate = new Semaphore(0);
        start(List.of(), 1, Map.of("count", 1_000L, "perPoll", 100L, "flushAtPoll", 2L));
        await("the sink to block in its first write", () -> memory.gate.hasQueuedThreads());

        runtime.forceStop("test");
        memory.gate.release(1_000);

        assertThat(runtime.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        // In poll, and again in close(): after an abort nothing more is committed.
        assertThat(source.refusals).hasSize(2).allMatch(CancellationException.class::isInstance);
        assertThat(runtime.summary().pipelines().get(0).committedPosition()).isNull();
    }

    record FlushSeen(Optional<Position> returned, Optional<Position> committedAfter, long durableWhenReturned) {
    }

    /** Counts like TestStages' numbers source, and asks for a flush in the middle of one poll. */
    @Extension(name = "numbers")
    public final class FlushingFactory implements SourceFactory {
        final List<FlushSeen> flushes = new CopyOnWriteArrayList<>();
        final List<Optional<Position>> committedAtPoll = new CopyOnWriteArrayList<>();
        final List<RuntimeException> refusals = new CopyOnWriteArrayList<>();
        volatile Optional<Position> committedInClose;
        volatile Optional<Position> flushedInClose;

        @Override
        public List<Setting> settings() {
            return List.of(Setting.required("count", SettingType.LONG, "How many records."),
                    Setting.required("perPoll", SettingType.LONG, "Records per poll."),
                    Setting.optional("flushAtPoll", SettingType.LONG, "Which poll flushes.").withDefault(0L),
                    Setting.optional("fromThread", SettingType.BOOLEAN, "Flush from another thread.")
                            .withDefault(false),
                    Setting.optional("flushInCreate", SettingType.BOOLEAN, "Flush in create.").withDefault(false));
        }

        @Override
        public Source create(Settings settings, SourceContext context) {
            if (settings.getBoolean("flushInCreate")) {
                tryFlush(context);
            }
            long count = settings.getLong("count");
            long perPoll = settings.getLong("perPoll");
            long flushAt = settings.getLong("flushAtPoll");
            boolean fromThread = settings.getBoolean("fromThread");
            Fields fields = Fields.of("n");
            return new Source() {
                private long next;
                private long polls;

                @Override
                public Poll poll(Emitter out) {
                    polls++;
                    committedAtPoll.add(context.committed());
                    context.status("polls", Long.toString(polls));
                    long end = Math.min(count, next + perPoll);
                    long half = next + (end - next) / 2;
                    for (; next < half; next++) {
                        out.emit(fields.record(next));
                    }
                    if (polls == flushAt) {
                        if (fromThread) {
                            CompletableFuture<Void> other = new CompletableFuture<>();
                            Thread thread = new Thread(() -> {
                                tryFlush(context);
                                other.complete(null);
                            }, "flush-test");
                            thread.start();
                            other.join();
                        } else {
                            Optional<Position> returned = tryFlush(context);
                            if (returned != null) {
                                flushes.add(new FlushSeen(returned, context.committed(), memory.durable.size()));
                            }
                        }
                    }
                    for (; next < end; next++) {
                        out.emit(fields.record(next));
                    }
                    return next >= count ? Poll.END : Poll.MORE;
                }

                @Override
                public Position position() {
                    return new Position(Long.toString(next));
                }

                @Override
                public void close() {
                    committedInClose = context.committed();
                    flushedInClose = tryFlush(context);
                }
            };
        }

        private Optional<Position> tryFlush(SourceContext context) {
            try {
                return context.flush();
            } catch (RuntimeException e) {
                refusals.add(e);
                if (e instanceof CancellationException) {
                    throw e;
                }
                return null;
            }
        }
    }

    static List<Long> numbers(List<Row> rows) {
        return rows.stream().map(row -> (Long) row.get("n")).toList();
    }
}
