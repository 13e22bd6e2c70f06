package dev.patchbay.host.plugin;

import java.util.Optional;

/**
 * Turns a class-loading failure of plugin code ({@link LinkageError}, including {@link NoClassDefFoundError} and
 * {@link NoSuchMethodError}, or a {@link ClassCastException} between two loaders) into a sentence that names the
 * loaders involved and the files they took the class from, with the fix. The seam between the pipeline runtime,
 * which builds failure messages, and the platform, which alone knows the loaders; {@link PluginPlatform#classOrigins()}
 * implements it. Runs no plugin code and loads no class.
 */
@FunctionalInterface
public interface ClassOrigins {

    /** Explains nothing: for runtimes without a platform, such as tests with hand-made catalogs. */
    ClassOrigins NONE = (failure, pluginId, pluginVersion) -> Optional.empty();

    /**
     * @param failure what the plugin's call threw; its cause chain is searched for the first cast or linkage error
     * @param pluginId the plugin whose code was running
     * @param pluginVersion its version
     * @return the explanation, such as "a.X cannot be cast to a.X: the object's class is plugin 'b' 2.0.0's, from
     *         plugins/b.zip!lib/x-1.jar, ..."; empty when the failure is not a class-loading failure or names no
     *         class this platform can place
     */
    Optional<String> explain(Throwable failure, String pluginId, String pluginVersion);
}
