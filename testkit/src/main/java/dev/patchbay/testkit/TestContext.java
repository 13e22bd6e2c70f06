package dev.patchbay.testkit;

import dev.patchbay.api.Position;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.SourceContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's side of a stage, for tests: plugin id, extension name, stage id, base directory, resume position,
 * and a logger that records every line. It implements {@link SourceContext}, so it serves every kind of stage.
 *
 * <p>Immutable, except that it records what the stage logs, counts ({@link #counters()}) and rejects through the
 * testers' emitters ({@link #rejections()}); copies made with {@link #resumingFrom} share those records. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * TestContext context = TestContext.builder().extensionName("csv-source").baseDirectory(tempDir).build();
 * }</pre>
 *
 * @since 1.0.0
 */
public final class TestContext implements SourceContext {

    private final String pluginId;
    private final String extensionName;
    private final String stageId;
    private final Path baseDirectory;
    private final Optional<Position> resumeFrom;
    private final RecordingLogger logger;
    private final StageRecord record;

    private TestContext(String pluginId, String extensionName, String stageId, Path baseDirectory,
            Optional<Position> resumeFrom, RecordingLogger logger, StageRecord record) {
        this.pluginId = pluginId;
        this.extensionName = extensionName;
        this.stageId = stageId;
        this.baseDirectory = baseDirectory;
        this.resumeFrom = resumeFrom;
        this.logger = logger;
        this.record = record;
    }

    /**
     * Starts a context with the defaults: plugin id {@code test-plugin}, extension name {@code test-extension},
     * stage id {@code test/<extension name>}, the working directory as base directory, no resume position.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this context's values; what it builds has a logger of its own.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder().pluginId(pluginId).extensionName(extensionName).stageId(stageId)
                .baseDirectory(baseDirectory);
        resumeFrom.ifPresent(builder::resumeFrom);
        return builder;
    }

    /**
     * Returns a copy that resumes from a position and shares this context's logger.
     *
     * @param position the position the source must continue after
     * @return the copy
     */
    public TestContext resumingFrom(Position position) {
        return new TestContext(pluginId, extensionName, stageId, baseDirectory,
                Optional.of(Objects.requireNonNull(position, "position")), logger, record);
    }

    /**
     * Returns every line logged through {@link #logger()} so far, as {@code "LEVEL message"} (for example
     * {@code "WARNING skipped line 3"}), parameters formatted with {@link java.text.MessageFormat}.
     *
     * @return the lines, in order; a snapshot
     */
    public List<String> logLines() {
        return logger.lines();
    }

    /**
     * Returns the stage's own counters as it kept them with {@link #count}, summed by name.
     *
     * @return the counters, by name; a snapshot
     * @since 1.1.0
     */
    public Map<String, Long> counters() {
        return record.counters();
    }

    /**
     * Returns every rejection the stage reported through the emitters of {@link SourceTester} and
     * {@link ProcessorTester}, in order.
     *
     * @return the rejections; a snapshot
     * @since 1.1.0
     */
    public List<Rejection> rejections() {
        return record.rejections();
    }

    void rejected(Rejection rejection) {
        record.rejected(rejection);
    }

    /**
     * Checks the counter's name and amount as the host does, then adds to it.
     *
     * @since 1.1.0
     */
    @Override
    public void count(String counter, long amount) {
        SourceContext.super.count(counter, amount);
        record.count(counter, amount);
    }

    /**
     * Checks the name and value as the host does, then keeps the value.
     *
     * @since 1.3.0
     */
    @Override
    public void status(String name, String value) {
        SourceContext.super.status(name, value);
        record.status(name, value);
    }

    /**
     * Returns the stage's own status values as it last set them with {@link #status}.
     *
     * @return the values, by name; a snapshot
     * @since 1.3.0
     */
    public Map<String, String> statuses() {
        return record.statuses();
    }

    /**
     * Records a position as committed, as the host does once the sink has flushed every record before it;
     * {@link #committed()} returns it from then on.
     *
     * @param position the committed position
     * @since 1.3.0
     */
    public void commit(Position position) {
        record.commit(Objects.requireNonNull(position, "position"));
    }

    /**
     * Returns the position last given to {@link #commit}, or else the resume position.
     *
     * @since 1.3.0
     */
    @Override
    public Optional<Position> committed() {
        return record.committed().or(() -> resumeFrom);
    }

    /**
     * Sets what a {@link #flush()} does before it returns, standing in for the host's write, flush and commit;
     * typically {@code () -> context.commit(source.position())}. Without one, a flush commits nothing.
     *
     * @param action run by each flush, on the calling thread
     * @since 1.3.0
     */
    public void onFlush(Runnable action) {
        record.onFlush(Objects.requireNonNull(action, "action"));
    }

    /**
     * Counts the request, runs the action set with {@link #onFlush}, and returns {@link #committed()}.
     *
     * @since 1.3.0
     */
    @Override
    public Optional<Position> flush() {
        record.flushed().run();
        return committed();
    }

    /**
     * Returns how many times the stage called {@link #flush()}.
     *
     * @return the count
     * @since 1.3.0
     */
    public int flushes() {
        return record.flushes();
    }

    /**
     * Returns the operator's reference to the extension, {@code plugin-id/extension-name}.
     *
     * @return the reference
     */
    public String use() {
        return pluginId + "/" + extensionName;
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public String extensionName() {
        return extensionName;
    }

    @Override
    public String stageId() {
        return stageId;
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public Path baseDirectory() {
        return baseDirectory;
    }

    @Override
    public Optional<Position> resumeFrom() {
        return resumeFrom;
    }

    @Override
    public String toString() {
        return "TestContext[" + use() + ", stage " + stageId + ", base " + baseDirectory
                + resumeFrom.map(p -> ", resume from " + p.value()).orElse("") + "]";
    }

    /**
     * Builds a {@link TestContext}. Not thread-safe.
     *
     * @since 1.0.0
     */
    public static final class Builder {

        private String pluginId = "test-plugin";
        private String extensionName = "test-extension";
        private String stageId;
        private Path baseDirectory;
        private Position resumeFrom;

        private Builder() {
        }

        /**
         * Sets the plugin id, as in the plugin's {@code Plugin-Id}.
         *
         * @param pluginId the id
         * @return this builder
         */
        public Builder pluginId(String pluginId) {
            this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
            return this;
        }

        /**
         * Sets the extension name, as in its {@code @Extension}.
         *
         * @param extensionName the name
         * @return this builder
         */
        public Builder extensionName(String extensionName) {
            this.extensionName = Objects.requireNonNull(extensionName, "extensionName");
            return this;
        }

        /**
         * Sets the stage id; the default is {@code test/<extension name>}.
         *
         * @param stageId the id, such as {@code demo/processors[1]}
         * @return this builder
         */
        public Builder stageId(String stageId) {
            this.stageId = Objects.requireNonNull(stageId, "stageId");
            return this;
        }

        /**
         * Sets the directory relative paths in settings resolve against; the default is the working directory.
         *
         * @param baseDirectory the directory, made absolute
         * @return this builder
         */
        public Builder baseDirectory(Path baseDirectory) {
            this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory").toAbsolutePath();
            return this;
        }

        /**
         * Sets the position a source resumes from; the default is none (a first run).
         *
         * @param position the position
         * @return this builder
         */
        public Builder resumeFrom(Position position) {
            this.resumeFrom = Objects.requireNonNull(position, "position");
            return this;
        }

        /**
         * Builds the context, with a fresh recording logger named {@code plugin.<plugin id>}.
         *
         * @return the context
         */
        public TestContext build() {
            return new TestContext(pluginId, extensionName, stageId != null ? stageId : "test/" + extensionName,
                    baseDirectory != null ? baseDirectory : Path.of("").toAbsolutePath(),
                    Optional.ofNullable(resumeFrom), new RecordingLogger("plugin." + pluginId),
                    new StageRecord());
        }
    }
}
