package dev.patchbay.host.plugin;

import java.util.Objects;

/**
 * A live thread that belongs to a plugin: its context class loader is the plugin's class loader (threads
 * started inside a plugin call inherit it), or its class was defined by that loader.
 *
 * @param threadName the thread's name
 * @param pluginId the id of the plugin the thread belongs to
 * @param topFrame where the thread was when it was listed: its innermost frame outside the JDK's modules (the
 *                 plugin's own code, usually), else its innermost frame, else {@value #NO_FRAME}
 */
public record PluginThread(String threadName, String pluginId, String topFrame) {

    /** The frame of a thread that shows no stack, such as one that has not reached Java code yet. */
    public static final String NO_FRAME = "no Java frame";

    public PluginThread {
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(topFrame, "topFrame");
        if (pluginId.isBlank()) {
            throw new IllegalArgumentException("the plugin id of thread '" + threadName + "' is '" + pluginId
                    + "'; give the id of the plugin whose class loader the thread carries");
        }
    }
}
