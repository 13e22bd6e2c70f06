package dev.patchbay.host.plugin;

import java.util.List;

/**
 * What one live change of the platform did: a rescan of the plugins folder or a reload.
 *
 * @param started the versions that started, new ones and new loads of existing ones
 * @param failed the versions that were found or reloaded and did not start, with their problems; a version whose
 *        reload failed keeps running its previous load
 * @param removed the archives that left the plugins folder
 * @param retired the loads that take no new users and unload once their last lease is closed
 */
public record PluginChanges(List<PluginInfo> started, List<PluginInfo> failed, List<PluginInfo> removed,
        List<PluginHandle> retired) {

    /** Nothing changed. */
    public static final PluginChanges NONE = new PluginChanges(List.of(), List.of(), List.of(), List.of());

    public PluginChanges {
        started = List.copyOf(started);
        failed = List.copyOf(failed);
        removed = List.copyOf(removed);
        retired = List.copyOf(retired);
    }

    public boolean isEmpty() {
        return started.isEmpty() && failed.isEmpty() && removed.isEmpty() && retired.isEmpty();
    }
}
