package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A plugin as the platform sees it: its descriptor, where it came from, its state, its extensions and
 * its problems. Immutable; the registry replaces the whole value when the state changes.
 *
 * @param id the declared {@code Plugin-Id}; for an archive whose id cannot be read, the file name
 *           (a problem then says so)
 * @param version the declared {@code Plugin-Version}, or empty if it cannot be read
 * @param provider {@code Plugin-Provider}, possibly empty
 * @param license {@code Plugin-License}, possibly empty
 * @param description {@code Plugin-Description}, possibly empty
 * @param requires the {@code Plugin-Requires} api range, {@code *} when not declared
 * @param dependencies the parsed {@code Plugin-Dependencies}
 * @param path the jar, zip or folder the plugin was read from
 * @param state the lifecycle state
 * @param extensions the extensions found in its service files, in kind then name order
 * @param problems why it is FAILED; empty otherwise
 * @param warnings what the operator should know but does not stop the plugin, such as a lock difference in
 *        {@code warn} mode or a class missing from an optional dependency's package
 * @param signers the subjects of the certificates that signed the archive and its {@code lib/} jars, in order;
 *        empty when it is unsigned or its signatures were not read
 */
public record PluginInfo(String id, String version, String provider, String license, String description,
        String requires, List<PluginDependency> dependencies, Path path, PluginState state,
        List<ExtensionDescriptor> extensions, List<Problem> problems, List<Problem> warnings, List<String> signers) {

    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(license, "license");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(requires, "requires");
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(state, "state");
        extensions = List.copyOf(extensions);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        signers = List.copyOf(signers);
    }

    /** A plugin with no warnings and no signers. */
    public PluginInfo(String id, String version, String provider, String license, String description,
            String requires, List<PluginDependency> dependencies, Path path, PluginState state,
            List<ExtensionDescriptor> extensions, List<Problem> problems) {
        this(id, version, provider, license, description, requires, dependencies, path, state, extensions, problems,
                List.of(), List.of());
    }

    /** Returns a copy in another state with extra problems appended. */
    public PluginInfo withState(PluginState newState, List<Problem> moreProblems) {
        List<Problem> all = new java.util.ArrayList<>(problems);
        all.addAll(moreProblems);
        return new PluginInfo(id, version, provider, license, description, requires, dependencies, path, newState,
                extensions, all, warnings, signers);
    }

    /** Returns a copy with extra warnings appended; the state does not change. */
    public PluginInfo withWarnings(List<Problem> moreWarnings) {
        List<Problem> all = new java.util.ArrayList<>(warnings);
        all.addAll(moreWarnings);
        return new PluginInfo(id, version, provider, license, description, requires, dependencies, path, state,
                extensions, problems, all, signers);
    }

    /** Returns a copy that names these signers. */
    public PluginInfo withSigners(List<String> newSigners) {
        return new PluginInfo(id, version, provider, license, description, requires, dependencies, path, state,
                extensions, problems, warnings, newSigners);
    }
}
