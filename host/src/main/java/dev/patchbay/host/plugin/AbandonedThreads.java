package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start threads one platform abandoned at their deadline. Written by the platform's lifecycle lock holder
 * only; read from any thread, through an immutable list in a volatile field.
 */
final class AbandonedThreads implements Consumer<PluginStarter.Abandoned> {

    // Logged under the platform's logger name, which operators filter on.
    private static final Logger log = LoggerFactory.getLogger(PluginPlatform.class);

    private volatile List<PluginStarter.Abandoned> entries = List.of();

    @Override
    public void accept(PluginStarter.Abandoned entry) {
        List<PluginStarter.Abandoned> more = new ArrayList<>(entries);
        more.add(entry);
        entries = List.copyOf(more);
    }

    /** The threads still inside a plugin's code, in the order they were abandoned. */
    List<AbandonedThread> stillInside() {
        return entries.stream().filter(PluginStarter.Abandoned::stillInside).map(PluginStarter.Abandoned::thread)
                .toList();
    }

    /** The staging and exploded folders of the plugins a thread is still inside: they must not be deleted. */
    Set<Path> keptFolders() {
        Set<Path> kept = new HashSet<>();
        for (PluginStarter.Abandoned entry : entries) {
            if (entry.stillInside()) {
                entry.plugin().tempDirectory().ifPresent(kept::add);
            }
        }
        return kept;
    }

    /**
     * For the platform's close: warns about every thread still inside a plugin's code, whose class loader
     * therefore stays open, and returns the exploded folders of those plugins, which must be kept too.
     */
    @SuppressWarnings("try") // the MDC handle is used only for its close()
    Set<Path> warnAndKeep() {
        Set<Path> kept = new HashSet<>();
        for (PluginStarter.Abandoned entry : entries) {
            if (!entry.stillInside()) {
                continue;
            }
            DiscoveredPlugin plugin = entry.plugin();
            AbandonedThread thread = entry.thread();
            plugin.tempDirectory().ifPresent(kept::add);
            try (PluginMdc ignored = new PluginMdc(plugin.id())) {
                log.warn("Closing plugin '{}' {}: its class loader cannot be freed because thread '{}' is still"
                        + " inside its code (abandoned during {}, at {}); the loader{} stays until the thread"
                        + " leaves, and the thread, a daemon, does not keep the JVM alive", plugin.id(),
                        plugin.info().version(), thread.threadName(), thread.activity(),
                        String.join(" <- ", thread.frames()), plugin.tempDirectory()
                                .map(folder -> " and its folder '" + folder + "'").orElse(""));
            }
        }
        return kept;
    }
}
