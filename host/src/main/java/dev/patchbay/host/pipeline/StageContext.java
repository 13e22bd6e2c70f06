package dev.patchbay.host.pipeline;

import dev.patchbay.api.Position;
import dev.patchbay.api.SourceContext;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The context handed to a factory's {@code create}; a source also gets the position to resume from. It
 * outlives the call: the plugin may keep it and count on its stage's counters later, from any thread.
 */
final class StageContext implements SourceContext {

    private final String pluginId;
    private final String extensionName;
    private final String stageId;
    private final System.Logger logger;
    private final Path baseDirectory;
    private final Optional<Position> resumeFrom;
    private final StageMetrics metrics;
    private final SourceHooks hooks;

    StageContext(String pluginId, String extensionName, String stageId, System.Logger logger, Path baseDirectory,
            Optional<Position> resumeFrom, StageMetrics metrics, SourceHooks hooks) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.extensionName = Objects.requireNonNull(extensionName, "extensionName");
        this.stageId = Objects.requireNonNull(stageId, "stageId");
        this.logger = Objects.requireNonNull(logger, "logger");
        this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory").toAbsolutePath();
        this.resumeFrom = Objects.requireNonNull(resumeFrom, "resumeFrom");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
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
    public void count(String counter, long amount) {
        // The api's default holds the rule for names and amounts; it throws to the plugin that broke it.
        SourceContext.super.count(counter, amount);
        metrics.count(counter, amount);
    }

    @Override
    public void status(String name, String value) {
        SourceContext.super.status(name, value);
        metrics.status(name, value);
    }

    @Override
    public Optional<Position> committed() {
        return hooks.committed().or(() -> resumeFrom);
    }

    @Override
    public Optional<Position> flush() {
        return hooks.flush();
    }
}
