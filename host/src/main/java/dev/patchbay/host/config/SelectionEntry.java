package dev.patchbay.host.config;

import dev.patchbay.host.plugin.VersionRange;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The form of an entry of {@code plugins.enabled} and {@code plugins.disabled}: a plugin id, meaning every version,
 * or {@code id@version} with an exact version, meaning that one version.
 */
final class SelectionEntry {

    static final String FIX = "write the plugin id alone for every version, such as \"files\", or id@version with an"
            + " exact version, such as \"files@1.1.0\"; `patchbay plugins list` shows the ids and versions";

    // As PluginManifest checks a Plugin-Id.
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private SelectionEntry() {
    }

    /** Why an {@code id@version} entry is malformed, empty when it is well formed or a plain id. */
    static Optional<String> problem(String entry) {
        int at = entry.indexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String id = entry.substring(0, at);
        String version = entry.substring(at + 1);
        if (!ID.matcher(id).matches()) {
            return Optional.of("\"" + entry + "\" is not a plugin id or id@version: \"" + id
                    + "\" is not a plugin id");
        }
        if (!isVersion(version)) {
            return Optional.of("\"" + entry + "\" is not a plugin id or id@version: \"" + version
                    + "\" is not an exact version (a range cannot select a plugin here)");
        }
        return Optional.empty();
    }

    private static boolean isVersion(String version) {
        if (version.isBlank() || !version.equals(version.trim())) {
            return false;
        }
        try {
            VersionRange.compare(version, "0.0.0");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
