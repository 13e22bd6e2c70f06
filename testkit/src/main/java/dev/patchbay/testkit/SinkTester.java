package dev.patchbay.testkit;

import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes to a {@link SinkFactory}'s sink in memory, as the host would: the settings are validated with the
 * host's own messages, the sink is created with a {@link TestContext}, and batches are written and flushed on
 * the calling thread, with the thread context class loader set to the factory's class loader.
 *
 * <pre>{@code
 * try (SinkTester jsonl = SinkTester.create(new JsonlSinkFactory(), Map.of("path", "out.jsonl"),
 *         TestContext.builder().baseDirectory(dir).build())) {
 *     jsonl.write(Row.of(Map.of("name", "Ada")));
 *     jsonl.flush();
 * }
 * }</pre>
 *
 * <p>Like the host, it never writes an empty batch. {@link #close()} only closes: the host flushes first, so
 * call {@link #flush()} before it when the test needs the data durable. Not thread-safe.
 *
 * @since 1.0.0
 */
public final class SinkTester implements AutoCloseable {

    private final Sink sink;
    private final ClassLoader loader;
    private final TestContext context;
    private final Settings settings;
    private boolean closed;

    private SinkTester(Sink sink, ClassLoader loader, TestContext context, Settings settings) {
        this.sink = sink;
        this.loader = loader;
        this.context = context;
        this.settings = settings;
    }

    /**
     * Validates the settings and creates the sink with a default {@link TestContext} named after the factory's
     * {@code @Extension}.
     *
     * @param factory the factory
     * @param settings the operator's settings, as row values
     * @return the tester
     * @throws SettingsError if the host would reject the settings, listing every problem
     */
    public static SinkTester create(SinkFactory factory, Map<String, ?> settings) {
        return create(factory, settings, Stages.defaultContext(factory));
    }

    /**
     * Validates the settings and creates the sink with the given context.
     *
     * @param factory the factory
     * @param settings the operator's settings
     * @param context the context handed to {@code create}
     * @return the tester
     * @throws SettingsError if the host would reject the settings, listing every problem
     */
    public static SinkTester create(SinkFactory factory, Map<String, ?> settings, TestContext context) {
        Settings resolved = Stages.settings(factory, settings, context);
        Sink sink = Stages.create(factory, context, "sink", () -> factory.create(resolved, context));
        return new SinkTester(sink, PluginCall.loaderOf(factory), context, resolved);
    }

    /**
     * Writes one batch.
     *
     * @param batch the rows, at least one
     * @throws IOException if the sink throws it
     * @throws IllegalArgumentException if the batch is empty: the host never writes one
     */
    @SuppressWarnings("try") // the call handle is used only for its close()
    public void write(List<Row> batch) throws IOException {
        List<Row> copy = List.copyOf(Objects.requireNonNull(batch, "batch"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(context.use() + ": the host never writes an empty batch");
        }
        ensureOpen();
        try (PluginCall ignored = PluginCall.enter(loader)) {
            sink.write(copy);
        }
    }

    /**
     * Writes the rows as one batch.
     *
     * @param rows the rows, at least one
     * @throws IOException if the sink throws it
     */
    public void write(Row... rows) throws IOException {
        write(Arrays.asList(rows));
    }

    /**
     * Flushes the sink.
     *
     * @throws IOException if the sink throws it
     */
    @SuppressWarnings("try") // the call handle is used only for its close()
    public void flush() throws IOException {
        ensureOpen();
        try (PluginCall ignored = PluginCall.enter(loader)) {
            sink.flush();
        }
    }

    /**
     * Returns the sink the factory created.
     *
     * @return the sink
     */
    public Sink sink() {
        return sink;
    }

    /**
     * Returns the validated settings, defaults filled in.
     *
     * @return the settings
     */
    public Settings settings() {
        return settings;
    }

    /**
     * Returns the context the sink was created with.
     *
     * @return the context
     */
    public TestContext context() {
        return context;
    }

    /**
     * Closes the sink, without flushing. Idempotent.
     *
     * @throws IOException if the sink throws it
     */
    @Override
    @SuppressWarnings("try") // the call handle is used only for its close()
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (PluginCall ignored = PluginCall.enter(loader)) {
            sink.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(context.use() + ": the sink is closed");
        }
    }
}
