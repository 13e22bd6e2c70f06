package dev.patchbay.host.cli;

import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginPlatform;
import dev.patchbay.host.plugin.PluginSelection;
import dev.patchbay.host.plugin.VersionRange;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** The archives in a plugins folder as discovery reads them: id, version and path, without running plugin code. */
final class InstalledPlugins {

    private InstalledPlugins() {
    }

    /** Every archive of the folder, every one enabled, in id order. */
    static List<PluginInfo> in(Path directory) {
        try (PluginPlatform platform = new PluginPlatform(directory, PluginSelection.all())) {
            return platform.discover();
        }
    }

    /** Orders versions as semantic versions; an unreadable version sorts first, then by text. */
    static Comparator<String> versionOrder() {
        return (a, b) -> {
            try {
                return VersionRange.compare(a, b);
            } catch (RuntimeException unreadable) {
                return a.compareTo(b);
            }
        };
    }

    /** {@code id version}, or the id alone when the version could not be read. */
    static String label(PluginInfo info) {
        return info.id() + (info.version().isEmpty() ? "" : " " + info.version());
    }
}
