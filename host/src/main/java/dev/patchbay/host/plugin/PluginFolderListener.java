package dev.patchbay.host.plugin;

/** Told by {@link PluginFolderWatcher}, on its thread, when the stable entries of the plugins folder changed. */
@FunctionalInterface
public interface PluginFolderListener {

    /**
     * Called once per change, never concurrently. An exception is logged and the watcher carries on; the change is
     * not delivered again. The watcher's {@code close()} interrupts this call: keep the interrupt flag.
     */
    void changed(PluginFolderChange change);
}
