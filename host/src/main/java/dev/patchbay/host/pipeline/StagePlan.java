package dev.patchbay.host.pipeline;

import dev.patchbay.api.Position;
import dev.patchbay.api.Setting;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.LoadedExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One stage as an attempt will create it: the configured stage, the started extension it uses, its seam
 * and its counters. Built when the attempt is constructed; the instance is created later, on the stage's
 * own thread, through {@link #create}.
 *
 * @param config the stage as configured
 * @param extension the extension it uses
 * @param call the seam of its calls
 * @param metrics its counters
 */
record StagePlan(StageConfig config, LoadedExtension extension, StageCall call, StageMetrics metrics) {

    /** Makes the instance from the extension's factory; a lambda over the factory's own create method. */
    @FunctionalInterface
    interface Creator<T> {
        T create(LoadedExtension extension, Settings settings, StageContext context);
    }

    StagePlan {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Creates the stage's instance through the seam: the factory's {@code settings()}, then its
     * {@code create}, each under {@code timeouts.createMillis}.
     *
     * @throws StageFailure if the plugin throws, returns null, or overruns the deadline
     */
    <T> T create(Creator<T> creator, StageLoggers loggers, Path home, Optional<Position> resumeFrom) {
        return create(creator, loggers, home, resumeFrom, SourceHooks.NONE);
    }

    /** As {@link #create(Creator, StageLoggers, Path, Optional)}, for a source, whose context reaches its run. */
    <T> T create(Creator<T> creator, StageLoggers loggers, Path home, Optional<Position> resumeFrom,
            SourceHooks hooks) {
        StageGuard guard = call.guard();
        String name = extension.descriptor().name();
        List<Setting> declared = call.call(StageCall.Kind.SETTINGS, (factory, unused) -> factory.settings(),
                extension.factory(), null);
        Settings settings;
        try {
            settings = Settings.of(name, config.settings(), declared);
        } catch (SettingsException e) {
            throw call.failure("has settings that its factory's settings() now rejects, although they passed "
                    + "validation", e);
        }
        StageContext context = new StageContext(guard.pluginId(), name, guard.stageId(),
                loggers.forStage(guard.pluginId(), guard.stageId()), home, resumeFrom, metrics, hooks);
        T instance = call.call(StageCall.Kind.CREATE, (s, c) -> creator.create(extension, s, c), settings, context);
        if (instance == null) {
            throw call.failure("could not be created: the factory's create() returned null", null, StageCall.REPORT);
        }
        return instance;
    }

    /** Closes an instance through the seam; a failure fails the stage. */
    void close(AutoCloseable instance) {
        call.call(StageCall.Kind.CLOSE, (closeable, unused) -> {
            closeable.close();
            return null;
        }, instance, null);
    }
}
