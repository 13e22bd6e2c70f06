package dev.patchbay.host.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.pipeline.RunSummary;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code run --progress N}: prints the summary every N seconds on the thread {@code patchbay-progress} until
 * closed, as a table or as JSON {@code progress} events. Each snapshot carries every stage's current rate, over
 * the interval since the previous snapshot, beside its whole-run average.
 */
final class ProgressPrinter {

    private final Supplier<RunSummary> summaries;
    private final long seconds;
    private final boolean json;
    private final PrintWriter out;
    private final ObjectMapper mapper;
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread thread;

    /**
     * @param seconds the interval; 0 prints nothing
     * @param out where the snapshots go; the caller prints the final summary there after {@link #close()}
     */
    ProgressPrinter(Supplier<RunSummary> summaries, long seconds, boolean json, PrintWriter out, ObjectMapper mapper) {
        this.summaries = Objects.requireNonNull(summaries, "summaries");
        this.seconds = seconds;
        this.json = json;
        this.out = Objects.requireNonNull(out, "out");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    void start() {
        if (seconds == 0) {
            return;
        }
        RunSummary first = summaries.get();
        long firstNanos = System.nanoTime();
        thread = new Thread(() -> loop(first, firstNanos), "patchbay-progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(RunSummary first, long firstNanos) {
        RunSummary previous = first;
        long previousNanos = firstNanos;
        try {
            while (!done.await(seconds, TimeUnit.SECONDS)) {
                long nanos = System.nanoTime();
                RunSummary now = summaries.get();
                print(now.withCurrentRates(previous, nanos - previousNanos));
                previous = now;
                previousNanos = nanos;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints one snapshot, as the loop does; package-private for tests. */
    void print(RunSummary snapshot) {
        synchronized (out) {
            if (json) {
                try {
                    out.println(mapper.writeValueAsString(snapshot.toJson(mapper, "progress")));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("cannot print the progress as JSON", e);
                }
            } else {
                out.print(snapshot.toTable());
                out.println();
            }
            out.flush();
        }
    }

    /** Stops the loop and waits for its thread. */
    void close() throws InterruptedException {
        done.countDown();
        if (thread != null) {
            thread.join();
        }
    }
}
