package dev.patchbay.host.plugin;

import java.util.List;
import java.util.Objects;

/**
 * What {@link PluginUnloadCleanup} found and did when one plugin version was unloaded.
 *
 * @param pluginId the plugin's id
 * @param pluginVersion the unloaded version
 * @param threadsLeft the threads still running that carry the plugin's class loader, by name; each keeps the
 *                    loader in memory
 * @param shutdownHooksLeft the names of the shutdown hooks still registered that carry the plugin's class
 *                          loader, by name; each keeps the loader in memory until the JVM exits (empty too when
 *                          the hooks cannot be listed, see {@link PluginShutdownHooks})
 * @param driversDeregistered the class names of the JDBC drivers the plugin had left registered, which the host
 *                            deregistered
 * @param failures the cleanup steps that failed, each naming the plugin and the thing, with the cause chained;
 *                 a cause thrown by the plugin's code references the plugin's classes through its stack trace,
 *                 so a report with failures keeps the loader for as long as it is kept itself
 */
public record PluginUnloadReport(String pluginId, String pluginVersion, List<PluginThread> threadsLeft,
        List<String> shutdownHooksLeft, List<String> driversDeregistered, List<Exception> failures) {

    public PluginUnloadReport {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        if (pluginId.isBlank()) {
            throw new IllegalArgumentException("an unload report needs the plugin's id, got '" + pluginId + "'");
        }
        threadsLeft = List.copyOf(threadsLeft);
        shutdownHooksLeft = List.copyOf(shutdownHooksLeft);
        driversDeregistered = List.copyOf(driversDeregistered);
        failures = List.copyOf(failures);
    }

    /** Whether the plugin left nothing behind and every step succeeded. */
    public boolean isEmpty() {
        return threadsLeft.isEmpty() && shutdownHooksLeft.isEmpty() && driversDeregistered.isEmpty()
                && failures.isEmpty();
    }

    /** Whether something the report lists still keeps the plugin's class loader in memory. */
    public boolean loaderKept() {
        return !threadsLeft.isEmpty() || !shutdownHooksLeft.isEmpty() || !failures.isEmpty();
    }
}
