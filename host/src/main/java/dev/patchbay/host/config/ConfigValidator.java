package dev.patchbay.host.config;

import dev.patchbay.host.plugin.PluginPlatform;
import java.util.List;

/**
 * A check of a structurally valid configuration against the installed plugins, run by
 * {@code patchbay config check} (and by {@code run} before anything starts). The pipeline runtime
 * contributes one that resolves every stage's extension and validates its settings.
 *
 * <p>An implementation may call {@link PluginPlatform#start()} when it needs extension factories; the
 * platform is discovered already and is closed by the caller.
 */
@FunctionalInterface
public interface ConfigValidator {

    /**
     * @return every error found, each with the JSON path and location of the offending value
     *         ({@code config.locations().of(path)}); empty if the configuration is valid
     */
    List<ConfigError> validate(PatchbayConfig config, PluginPlatform platform);
}
