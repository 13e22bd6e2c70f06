package dev.patchbay.testkit;

import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceFactory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Drives a {@link SourceFactory}'s sources in memory, as the host would: the settings are validated with the
 * host's own messages, and every read creates a fresh source with a {@link TestContext}, polls it until
 * {@link Source.Poll#END} on the calling thread, takes its position and closes it. Every call into the plugin
 * runs with the thread context class loader set to the factory's class loader.
 *
 * <pre>{@code
 * SourceTester csv = SourceTester.create(new CsvSourceFactory(), Map.of("path", "people.csv"),
 *         TestContext.builder().baseDirectory(dir).build());
 * assertThat(csv.readAll().rows()).hasSize(3);
 * csv.assertResumesExactlyOnce();
 * }</pre>
 *
 * <p>Reads are bounded so that a test never hangs: a read fails after {@value #DEFAULT_MAX_POLLS} polls, or
 * after {@value #DEFAULT_MAX_IDLE_POLLS} {@code IDLE} results, without {@code END} (see {@link #withLimits}).
 * Instances are immutable; each read uses its own source.
 *
 * @since 1.0.0
 */
public final class SourceTester {

    /** How many polls a read may take before it fails, unless changed with {@link #withLimits}. */
    public static final int DEFAULT_MAX_POLLS = 100_000;

    /** How many {@code IDLE} results a read tolerates before it fails, unless changed with {@link #withLimits}. */
    public static final int DEFAULT_MAX_IDLE_POLLS = 100;

    private final SourceFactory factory;
    private final Settings settings;
    private final TestContext context;
    private final int maxPolls;
    private final int maxIdlePolls;

    private SourceTester(SourceFactory factory, Settings settings, TestContext context, int maxPolls,
            int maxIdlePolls) {
        this.factory = factory;
        this.settings = settings;
        this.context = context;
        this.maxPolls = maxPolls;
        this.maxIdlePolls = maxIdlePolls;
    }

    /**
     * Validates the settings for sources created with a default {@link TestContext} named after the factory's
     * {@code @Extension}.
     *
     * @param factory the factory
     * @param settings the operator's settings, as row values
     * @return the tester
     * @throws SettingsError if the host would reject the settings, listing every problem
     */
    public static SourceTester create(SourceFactory factory, Map<String, ?> settings) {
        return create(factory, settings, Stages.defaultContext(factory));
    }

    /**
     * Validates the settings for sources created with the given context; its resume position, if any, is
     * where {@link #readAll()} starts.
     *
     * @param factory the factory
     * @param settings the operator's settings
     * @param context the context handed to {@code create}
     * @return the tester
     * @throws SettingsError if the host would reject the settings, listing every problem
     */
    public static SourceTester create(SourceFactory factory, Map<String, ?> settings, TestContext context) {
        Settings resolved = Stages.settings(factory, settings, context);
        return new SourceTester(factory, resolved, context, DEFAULT_MAX_POLLS, DEFAULT_MAX_IDLE_POLLS);
    }

    /**
     * Returns a tester with other read limits, for a large input or a source that is often idle.
     *
     * @param maxPolls how many polls a read may take, at least 1
     * @param maxIdlePolls how many {@code IDLE} results a read tolerates, 0 or more
     * @return the changed copy
     */
    public SourceTester withLimits(int maxPolls, int maxIdlePolls) {
        if (maxPolls < 1 || maxIdlePolls < 0) {
            throw new IllegalArgumentException("maxPolls must be at least 1 and maxIdlePolls 0 or more, got "
                    + maxPolls + " and " + maxIdlePolls);
        }
        return new SourceTester(factory, settings, context, maxPolls, maxIdlePolls);
    }

    /**
     * Reads everything from a fresh source created with the tester's context: polls until {@code END}.
     *
     * @return the rows and the position reported after {@code END}
     * @throws IOException if the source throws it
     * @throws AssertionError if the source does not end within the limits
     */
    public Output readAll() throws IOException {
        return read(context).output();
    }

    /**
     * Reads everything after a position from a fresh source, as the host does on a restart.
     *
     * @param resumeFrom the position handed to the source through {@link TestContext#resumeFrom()}
     * @return the rows and the position reported after {@code END}
     * @throws IOException if the source throws it
     * @throws AssertionError if the source does not end within the limits
     */
    public Output readAll(Position resumeFrom) throws IOException {
        return read(context.resumingFrom(resumeFrom)).output();
    }

    /**
     * Checks that a finite source resumes exactly once from every position it reports: reads everything,
     * then for each poll boundary resumes a fresh source from the position reported there and asserts that
     * the rows before the boundary followed by the resumed rows are exactly the full output.
     *
     * @throws AssertionError naming the first boundary where rows are duplicated or missing, and those rows
     * @throws IOException if the source throws it
     */
    public void assertResumesExactlyOnce() throws IOException {
        new ResumeCheck(this::read, context).run();
    }

    /**
     * Creates a source with the tester's settings and the given context, for tests that drive it by hand.
     * The caller owns it: calls it makes are not wrapped in the factory's class loader.
     *
     * @param sourceContext the context, for example {@code context().resumingFrom(position)}
     * @return the new source
     */
    public Source open(TestContext sourceContext) {
        Objects.requireNonNull(sourceContext, "sourceContext");
        return Stages.create(factory, sourceContext, "source", () -> factory.create(settings, sourceContext));
    }

    /**
     * Returns the context sources are created with.
     *
     * @return the context
     */
    public TestContext context() {
        return context;
    }

    /**
     * Returns the validated settings, defaults filled in.
     *
     * @return the settings
     */
    public Settings settings() {
        return settings;
    }

    /** Reads from a fresh source created with this context, recording the position after every poll. */
    @SuppressWarnings("try") // the call handle is used only for its close()
    SourceRead read(TestContext readContext) throws IOException {
        Source source = open(readContext);
        try (PluginCall ignored = PluginCall.enter(PluginCall.loaderOf(factory))) {
            try (source) {
                return SourceRead.drain(source, readContext, maxPolls, maxIdlePolls);
            }
        }
    }

    /**
     * What one read produced.
     *
     * @param rows every row emitted, in order
     * @param position the position the source reported after {@code END}; empty if it reported none (null)
     * @since 1.0.0
     */
    public record Output(List<Row> rows, Optional<Position> position) {

        /**
         * Copies the rows.
         *
         * @param rows the rows
         * @param position the final position
         */
        public Output {
            rows = List.copyOf(rows);
            Objects.requireNonNull(position, "position");
        }
    }
}
