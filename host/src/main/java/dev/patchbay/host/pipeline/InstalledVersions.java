package dev.patchbay.host.pipeline;

import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.plugin.VersionRange;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The installed versions of one plugin id, lowest first, and what a stage's pin makes of them: which versions it
 * admits, which one a stage that cannot be used is judged on, and how the versions read in a message.
 *
 * @param id the plugin id
 * @param versions every installed version of it, lowest first
 */
record InstalledVersions(String id, List<PluginInfo> versions) {

    private static final Comparator<PluginInfo> BY_VERSION = (a, b) -> compare(a.version(), b.version());

    InstalledVersions {
        Objects.requireNonNull(id, "id");
        versions = versions.stream().sorted(BY_VERSION).toList();
        for (PluginInfo version : versions) {
            if (!version.id().equals(id)) {
                throw new IllegalArgumentException("plugin '" + version.id() + "' is not a version of '" + id + "'");
            }
        }
    }

    boolean isEmpty() {
        return versions.isEmpty();
    }

    /** Whether more than one version is installed: then messages name the version they are about. */
    boolean several() {
        return versions.size() > 1;
    }

    /** The versions in {@code range}, lowest first. */
    List<PluginInfo> in(VersionRange range) {
        return versions.stream().filter(plugin -> range.contains(plugin.version())).toList();
    }

    /** The installed entry of {@code version}. */
    Optional<PluginInfo> version(String version) {
        return versions.stream().filter(plugin -> plugin.version().equals(version)).findFirst();
    }

    /**
     * The version a stage is judged on when no started version in its range provides its extension: the highest
     * started one in range (it lacks the extension), else the highest in range (it did not start).
     *
     * @param inRange a non-empty result of {@link #in}
     */
    static PluginInfo judged(List<PluginInfo> inRange) {
        return inRange.stream().filter(plugin -> plugin.state() == PluginState.STARTED).reduce((a, b) -> b)
                .orElse(inRange.get(inRange.size() - 1));
    }

    /** Such as {@code 1.0.0 (STARTED), 1.1.0 (FAILED: PB-PLUGIN-004)}. */
    String listing() {
        return versions.stream().map(InstalledVersions::describe).collect(Collectors.joining(", "));
    }

    private static String describe(PluginInfo plugin) {
        String version = plugin.version().isEmpty() ? "(no readable version, " + plugin.path().getFileName() + ")"
                : plugin.version();
        String problems = plugin.problems().stream().map(problem -> problem.code().id()).distinct()
                .collect(Collectors.joining(", "));
        return version + " (" + plugin.state() + (problems.isEmpty() ? "" : ": " + problems) + ")";
    }

    /** Semantic-version order; an unreadable version sorts first, and two of them by text. */
    private static int compare(String a, String b) {
        boolean readableA = readable(a);
        boolean readableB = readable(b);
        if (readableA && readableB) {
            return VersionRange.compare(a, b);
        }
        return readableA == readableB ? a.compareTo(b) : readableA ? 1 : -1;
    }

    private static boolean readable(String version) {
        try {
            VersionRange.compare(version, "0.0.0");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
