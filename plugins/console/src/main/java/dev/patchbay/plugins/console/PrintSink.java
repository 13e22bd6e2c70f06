package dev.patchbay.plugins.console;

import dev.patchbay.api.Row;
import dev.patchbay.api.Sink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Prints batches to a stream in UTF-8. After {@code limit} records it prints nothing more and only counts;
 * at close it reports the count through the logger and, for formats that allow it, in the stream.
 *
 * <p>Each batch is encoded first and written with a single {@code write} call. {@code PrintStream}
 * synchronizes that call, so when several pipelines print to the same stream their batches do not
 * interleave mid-line.
 *
 * <p>The host calls a sink from one thread at a time, so the counters need no guarding. The sink never
 * closes the stream, which belongs to the process.
 */
final class PrintSink implements Sink {

    /** Marks "no limit"; a real limit is zero or more. */
    static final long UNLIMITED = -1;

    private final OutputStream stream;
    private final BatchFormat format;
    private final long limit;
    private final System.Logger logger;
    private final String stageId;
    private long printed;
    private long suppressed;
    private boolean closed;

    PrintSink(OutputStream stream, BatchFormat format, long limit, System.Logger logger, String stageId) {
        this.stream = stream;
        this.format = format;
        this.limit = limit;
        this.logger = logger;
        this.stageId = stageId;
    }

    @Override
    public void write(List<Row> batch) throws IOException {
        if (closed) {
            throw new IllegalStateException("print sink of stage " + stageId + " is closed");
        }
        int take = batch.size();
        if (limit != UNLIMITED) {
            take = (int) Math.min(take, Math.max(0, limit - printed));
        }
        if (take > 0) {
            print(format.render(take == batch.size() ? batch : batch.subList(0, take)));
            printed += take;
        }
        if (take < batch.size()) {
            if (suppressed == 0) {
                logger.log(System.Logger.Level.INFO, "stage " + stageId + ": limit of " + limit
                        + " records reached; further records are counted, not printed");
            }
            suppressed += batch.size() - take;
        }
    }

    @Override
    public void flush() throws IOException {
        stream.flush();
        // A PrintStream swallows write errors; surface them like any other sink.
        if (stream instanceof PrintStream print && print.checkError()) {
            throw new IOException("stage " + stageId + ": writing to the console failed (is the output"
                    + " closed, for example a pipe whose reader exited?)");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (suppressed > 0) {
            print(format.suppressedNotice(suppressed, limit));
            logger.log(System.Logger.Level.INFO, "stage " + stageId + ": printed " + printed + " records; "
                    + suppressed + " more were not printed because of the limit of " + limit);
        }
        flush();
    }

    private void print(String text) throws IOException {
        if (!text.isEmpty()) {
            stream.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    long printed() {
        return printed;
    }

    long suppressed() {
        return suppressed;
    }
}
