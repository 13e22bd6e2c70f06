package dev.patchbay.host.plugin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What code-free discovery learned about one archive: its published view, its parsed manifest (absent if
 * it could not be read), the class path roots and packages of an enabled plugin, the temporary
 * folder an exploded zip lives in, and the references the linkage check left for its dependencies to provide.
 */
record DiscoveredPlugin(PluginInfo info, Optional<PluginManifest> manifest, List<java.nio.file.Path> roots,
        Set<String> packages, Optional<java.nio.file.Path> tempDirectory, LinkageCheck.Deferred linkage) {

    DiscoveredPlugin {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(manifest, "manifest");
        roots = List.copyOf(roots);
        packages = Set.copyOf(packages);
        Objects.requireNonNull(tempDirectory, "tempDirectory");
        Objects.requireNonNull(linkage, "linkage");
    }

    /** A plugin whose references, if checked, all resolved without its dependencies. */
    DiscoveredPlugin(PluginInfo info, Optional<PluginManifest> manifest, List<java.nio.file.Path> roots,
            Set<String> packages, Optional<java.nio.file.Path> tempDirectory) {
        this(info, manifest, roots, packages, tempDirectory, LinkageCheck.Deferred.NONE);
    }

    DiscoveredPlugin withInfo(PluginInfo newInfo) {
        return new DiscoveredPlugin(newInfo, manifest, roots, packages, tempDirectory, linkage);
    }

    String id() {
        return info.id();
    }

    /** Tells the versions of one id apart: {@code id:version}; ':' is in neither a plugin id nor a version. */
    String key() {
        return key(info.id(), info.version());
    }

    static String key(String id, String version) {
        return id + ":" + version;
    }
}
