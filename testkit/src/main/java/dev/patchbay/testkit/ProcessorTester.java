package dev.patchbay.testkit;

import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@link ProcessorFactory}'s processor in memory, as the host would: the settings are validated with
 * the host's own messages, the processor is created with a {@link TestContext}, and rows go through it one at a
 * time, on the calling thread, with the thread context class loader set to the factory's class loader.
 *
 * <pre>{@code
 * try (ProcessorTester filter = ProcessorTester.create(new FilterFactory(),
 *         Map.of("where", Row.of(Map.of("field", "age", "op", ">=", "value", 18L))))) {
 *     assertThat(filter.process(Row.of(Map.of("age", 17L)), Row.of(Map.of("age", 30L))))
 *             .containsExactly(Row.of(Map.of("age", 30L)));
 * }
 * }</pre>
 *
 * <p>Not thread-safe, like a processor: the host calls one from one thread at a time.
 *
 * @since 1.0.0
 */
public final class ProcessorTester implements AutoCloseable {

    private final Processor processor;
    private final ClassLoader loader;
    private final TestContext context;
    private final Settings settings;
    private boolean closed;

    private ProcessorTester(Processor processor, ClassLoader loader, TestContext context, Settings settings) {
        this.processor = processor;
        this.loader = loader;
        this.context = context;
        this.settings = settings;
    }

    /**
     * Validates the settings and creates the processor with a default {@link TestContext} named after the
     * factory's {@code @Extension}.
     *
     * @param factory the factory, for example {@code new FilterFactory()} or one from {@link PluginUnderTest}
     * @param settings the operator's settings, as row values ({@code Long}, {@code String}, {@code Row} ...)
     * @return the tester
     * @throws SettingsError if the host would reject the settings, listing every problem
     */
    public static ProcessorTester create(ProcessorFactory factory, Map<String, ?> settings) {
        return create(factory, settings, Stages.defaultContext(factory));
    }

    /**
     * Validates the settings and creates the processor with the given context.
     *
     * @param factory the factory
     * @param settings the operator's settings
     * @param context the context handed to {@code create}
     * @return the tester
     * @throws SettingsError if the host would reject the settings, listing every problem
     */
    public static ProcessorTester create(ProcessorFactory factory, Map<String, ?> settings, TestContext context) {
        Settings resolved = Stages.settings(factory, settings, context);
        Processor processor = Stages.create(factory, context, "processor", () -> factory.create(resolved, context));
        return new ProcessorTester(processor, PluginCall.loaderOf(factory), context, resolved);
    }

    /**
     * Passes rows through the processor, one call each, and collects what it emits.
     *
     * @param rows the input rows
     * @return every row emitted, in order
     */
    public List<Row> process(Row... rows) {
        return process(Arrays.asList(rows));
    }

    /**
     * Passes rows through the processor, one call each, and collects what it emits.
     *
     * @param rows the input rows
     * @return every row emitted, in order
     * @throws IllegalStateException if the tester is closed
     */
    @SuppressWarnings("try") // the call handle is used only for its close()
    public List<Row> process(List<Row> rows) {
        Objects.requireNonNull(rows, "rows");
        if (closed) {
            throw new IllegalStateException(context.use() + ": the processor is closed");
        }
        List<Row> out = new ArrayList<>();
        try (PluginCall ignored = PluginCall.enter(loader)) {
            for (Row row : rows) {
                processor.process(Objects.requireNonNull(row, "row"), new RecordingEmitter(context, out,
                        () -> context.use() + ": the processor emitted null for " + row + "; emit rows only"));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Returns the processor the factory created.
     *
     * @return the processor
     */
    public Processor processor() {
        return processor;
    }

    /**
     * Returns the settings the processor was created with, defaults filled in.
     *
     * @return the settings
     */
    public Settings settings() {
        return settings;
    }

    /**
     * Returns the context the processor was created with; its {@link TestContext#logLines()} holds what it logged.
     *
     * @return the context
     */
    public TestContext context() {
        return context;
    }

    /** Closes the processor, inside its class loader. Idempotent. */
    @Override
    @SuppressWarnings("try") // the call handle is used only for its close()
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (PluginCall ignored = PluginCall.enter(loader)) {
            processor.close();
        }
    }
}
