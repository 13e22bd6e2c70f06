package dev.patchbay.host.config;

import dev.patchbay.host.plugin.ExtensionCatalog;
import java.util.List;

/**
 * A check of a configuration against the installed plugins, run by {@code patchbay config check} (and by
 * {@code run} before anything starts). The pipeline runtime contributes one that resolves every stage's
 * extension and validates its settings.
 *
 * <p>{@code config check} runs it on the reading of a file that may have errors of its own, so that every
 * problem is reported in one pass: it checks the stages the reading lists ({@link ConfigReading#stages}), which
 * include those of pipelines that are invalid for other reasons. It is not run when the {@code plugins}
 * section itself has errors ({@link ConfigReading#selectionReadable}).
 *
 * <p>The catalog is either the code-free discovery (no plugin code has run: every plugin to be started is
 * RESOLVED, and no extension is loaded, so settings cannot be checked), or what {@code config check --start}
 * found in its separate JVM, whose extensions answer {@code settings()}. An implementation never starts plugins.
 */
@FunctionalInterface
public interface ConfigValidator {

    /**
     * @return every error found, each with the JSON path and location of the offending value
     *         ({@code reading.locations().of(path)}); empty if the checked stages are valid
     */
    List<ConfigError> validate(ConfigReading reading, ExtensionCatalog catalog);
}
