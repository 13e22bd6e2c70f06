package dev.patchbay.host.service;

import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.PluginPlatform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The threads plugin code left behind once the pipelines ended, one line each for the summary. */
final class LeftBehind {

    private LeftBehind() {
    }

    static RunSummary report(RunSummary summary, ExtensionCatalog catalog) {
        if (!(catalog instanceof PluginPlatform plugins)) {
            return summary;
        }
        // Each is also logged at WARN with its plugin's id; the summary names them for the operator.
        List<String> left = new ArrayList<>();
        plugins.abandoned().forEach(t -> left.add("plugin '" + t.pluginId() + "' " + t.pluginVersion()
                + " holds start thread '" + t.threadName() + "', abandoned at its start deadline ("
                + t.activity() + "); the plugin's class loader cannot be freed"));
        Set<String> abandonedNames = new HashSet<>();
        plugins.abandoned().forEach(t -> abandonedNames.add(t.threadName()));
        plugins.threadsLeft(t -> abandonedNames.contains(t.getName())).forEach(t -> left.add("plugin '"
                + t.pluginId() + "' left thread '" + t.threadName() + "' running after its stages closed (at "
                + t.topFrame() + "); it keeps the plugin's class loader alive"));
        return summary.withThreadsLeft(left);
    }
}
