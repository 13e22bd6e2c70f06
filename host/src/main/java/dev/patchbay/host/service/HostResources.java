package dev.patchbay.host.service;

import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.pipeline.HomeLock;
import dev.patchbay.host.pipeline.PipelineValidator;
import dev.patchbay.host.pipeline.StateDirectory;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.StartableCatalog;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a host holds that must be given back: the home lock and the started plugins. {@link #acquire} takes them,
 * starting through a {@link StartableCatalog} only the plugins the pipelines use, and validates the pipelines against
 * the plugins, giving both back when anything fails; {@link #release} unloads
 * the plugins, then releases the lock.
 *
 * @param lock the home lock, {@code <state>/.patchbay.lock}
 * @param catalog the started plugins; closed by {@link #release} when it is {@link AutoCloseable}
 */
record HostResources(HomeLock lock, ExtensionCatalog catalog) {

    /**
     * Takes the lock, starts the plugins and validates the pipelines.
     *
     * @throws HostException when another host holds the lock, the state directory is unusable or a pipeline does
     *         not validate; the plugins were closed and the lock released
     */
    static HostResources acquire(Host.Spec spec, Function<PatchbayConfig, ExtensionCatalog> platform)
            throws HostException {
        PatchbayConfig config = spec.config();
        HomeLock lock;
        try {
            // Taken before any plugin starts: two hosts on one state directory would read and commit the same
            // checkpoints and write every record twice.
            lock = new StateDirectory(config.stateDirectory()).lock(
                    spec.pipelines().stream().map(PipelineConfig::name).toList(),
                    HomeLock.Holder.current(Clock.systemUTC(), spec.commandLine()));
        } catch (HomeLock.HeldException e) {
            throw new HostException(e.getMessage(), e);
        } catch (IOException e) {
            throw new HostException(e.getMessage() + "; no pipeline was started", e);
        }
        ExtensionCatalog catalog = null;
        try {
            catalog = platform.apply(config);
            if (catalog instanceof StartableCatalog startable) {
                // Only what the pipelines use: the other plugins stay RESOLVED, none of their code run.
                startable.startPlugins(PipelinePlugins.ids(spec.pipelines()));
            }
            List<ConfigError> errors = new ArrayList<>(spec.earlierErrors());
            PipelineValidator validator = new PipelineValidator();
            for (PipelineConfig pipeline : spec.pipelines()) {
                errors.addAll(validator.validate(pipeline, catalog, config.locations(),
                        id -> config.disabled().contains(id)
                                || !config.enabled().isEmpty() && !config.enabled().contains(id)));
            }
            if (!errors.isEmpty()) {
                throw new HostException(config.file() + ": " + errors.size()
                        + (errors.size() == 1 ? " error" : " errors") + ", no pipeline was started:",
                        errors.stream().map(ConfigError::toString).toList(), null);
            }
            return new HostResources(lock, catalog);
        } catch (HostException | RuntimeException | Error e) {
            try {
                new HostResources(lock, catalog).release();
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Unloads the plugins, then releases the lock; the lock is released even when the plugins fail to close.
     *
     * @throws IOException if the lock cannot be released, naming its file
     */
    void release() throws IOException {
        try {
            if (catalog instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (Exception e) {
            try {
                lock.close();
            } catch (IOException unlock) {
                e.addSuppressed(unlock);
            }
            throw e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("the plugin platform could not be closed: " + e.getMessage(), e);
        }
        lock.close();
    }
}
