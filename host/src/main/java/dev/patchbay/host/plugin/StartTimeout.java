package dev.patchbay.host.plugin;

import java.time.Duration;

/** The START_TIMEOUT problem of a plugin whose start passed the deadline. */
final class StartTimeout {

    private StartTimeout() {
    }

    /** Names the plugin, the deadline, the abandoned thread and where it was, and what the operator can do. */
    static Problem problem(PluginInfo info, Duration deadline, AbandonedThread thread) {
        String id = info.id();
        return new Problem(ProblemCode.START_TIMEOUT, "plugin '" + id + "' " + info.version() + " did not start"
                + " within " + deadline.toMillis() + " ms: its start thread '" + thread.threadName() + "' was still"
                + " running its code at " + String.join(" <- ", thread.frames()) + "; the thread was interrupted and"
                + " abandoned, and the plugin's class loader stays open until it leaves. Disable the plugin"
                + " (`patchbay plugins disable " + id + "`), or, if it only needs longer, raise"
                + " runtime.timeouts.createMillis in config/patchbay.json");
    }
}
