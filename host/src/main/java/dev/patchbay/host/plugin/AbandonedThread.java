package dev.patchbay.host.plugin;

import java.util.List;
import java.util.Objects;

/**
 * A host thread that passed its deadline inside a plugin's code and was left there: it was interrupted once,
 * and it is a daemon, so it cannot keep the JVM alive, but the plugin's class loader cannot be freed while it
 * runs.
 *
 * @param threadName the thread's name, as a thread dump shows it
 * @param pluginId the id of the plugin whose code the thread is in
 * @param pluginVersion that plugin's version
 * @param activity what the host had asked the thread to do, such as {@link #PLUGIN_START}
 * @param frames the top of its stack when it was abandoned, innermost first, down to the first frame of the
 *        plugin's own code
 */
public record AbandonedThread(String threadName, String pluginId, String pluginVersion, String activity,
        List<String> frames) {

    /** The activity of a thread abandoned while it started a plugin. */
    public static final String PLUGIN_START = "plugin start";

    public AbandonedThread {
        requireText(threadName, "threadName");
        requireText(pluginId, "pluginId");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        requireText(activity, "activity");
        frames = List.copyOf(frames);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("an abandoned thread needs a " + name + ", got '" + value + "'");
        }
    }
}
