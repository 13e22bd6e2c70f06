package dev.patchbay.host.plugin;

/** Where a plugin is in its lifecycle, as operators see it in {@code patchbay plugins list}. */
public enum PluginState {
    /** The operator's configuration disables it; nothing of it was loaded. */
    DISABLED,
    /** Its descriptor, dependencies and service files check out; no plugin code has run. */
    RESOLVED,
    /** Its extension factories are instantiated and ready to create pipeline stages. */
    STARTED,
    /** It cannot be used; its problems say why and what to do. */
    FAILED,
    /** It was started and has been stopped and unloaded. */
    STOPPED
}
