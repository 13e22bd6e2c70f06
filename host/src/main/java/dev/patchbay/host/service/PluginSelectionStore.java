package dev.patchbay.host.service;

import java.io.IOException;
import java.util.Set;

/**
 * Where the host persists an operator's enable or disable of a plugin: the configuration file, through the atomic
 * config edit ({@code ConfigEditor}), so that the choice outlives the host.
 */
@FunctionalInterface
public interface PluginSelectionStore {

    /** A store that persists nothing, for hosts without a configuration file of their own (tests, embedding). */
    PluginSelectionStore NONE = (id, enabled, knownIds) -> { };

    /**
     * Persists the choice.
     *
     * @param knownIds every plugin id the host found, which the edit checks the id against
     * @throws IOException naming the file, when it cannot be written; the host then changes nothing
     */
    void persist(String pluginId, boolean enabled, Set<String> knownIds) throws IOException;
}
