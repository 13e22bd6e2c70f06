package dev.patchbay.host.pipeline;

/**
 * Makes the logger handed to an extension through its context. In the application this is
 * {@code PluginLoggers::forStage}, which tags each line with the plugin and stage ids.
 */
@FunctionalInterface
public interface StageLoggers {

    System.Logger forStage(String pluginId, String stageId);
}
