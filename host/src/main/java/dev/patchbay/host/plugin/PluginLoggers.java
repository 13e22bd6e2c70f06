package dev.patchbay.host.plugin;

// TEMP placeholder (to be replaced by platform branch)
public final class PluginLoggers {

    private PluginLoggers() {
    }

    public static System.Logger forStage(String pluginId, String stageId) {
        return System.getLogger("plugin." + pluginId);
    }
}
