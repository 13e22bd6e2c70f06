package dev.patchbay.host.plugin;

import dev.patchbay.api.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a start check found: each plugin's state and problems after its start, and each started extension's
 * settings; or, when the check itself failed (the separate JVM exited, hung or wrote no report), one problem that
 * applies to every plugin it should have started.
 *
 * @param plugins one entry per plugin the platform listed, in its order
 * @param failure why the check has no result, blaming every plugin that was to be started
 */
public record StartReport(List<StartedPlugin> plugins, Optional<Problem> failure) {

    public StartReport {
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(failure, "failure");
        if (failure.isPresent() && !plugins.isEmpty()) {
            throw new IllegalArgumentException("a failed start check has no plugin results; failure " + failure.get());
        }
    }

    /** A check that ran: these plugins were started. */
    public static StartReport of(List<StartedPlugin> plugins) {
        return new StartReport(plugins, Optional.empty());
    }

    /** A check that did not produce results, for this reason. */
    public static StartReport failed(Problem failure) {
        return new StartReport(List.of(), Optional.of(failure));
    }

    /** The entry of the plugin from this archive with this id and version, if the check listed it. */
    public Optional<StartedPlugin> find(Path archive, String id, String version) {
        Path wanted = archive.toAbsolutePath().normalize();
        return plugins.stream().filter(plugin -> plugin.path().toAbsolutePath().normalize().equals(wanted)
                && plugin.id().equals(id) && plugin.version().equals(version)).findFirst();
    }

    /**
     * One plugin after the start.
     *
     * @param path its archive
     * @param id its id
     * @param version its version
     * @param state STARTED, or FAILED (or DISABLED, RESOLVED if it was never to be started)
     * @param problems its problems, start failures included
     * @param extensions its extensions' settings, each in the order the platform listed them; empty unless STARTED
     */
    public record StartedPlugin(Path path, String id, String version, PluginState state, List<Problem> problems,
            List<ExtensionSettings> extensions) {

        public StartedPlugin {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(state, "state");
            problems = List.copyOf(problems);
            extensions = List.copyOf(extensions);
        }
    }

    /**
     * One started extension's settings description, or why it could not be read.
     *
     * @param kind source, processor or sink
     * @param name its {@code @Extension} name
     * @param settings what its factory's {@code settings()} returned; empty when that threw
     * @param error what {@code settings()} threw, when it did
     */
    public record ExtensionSettings(ExtensionKind kind, String name, Optional<List<Setting>> settings,
            Optional<String> error) {

        public ExtensionSettings {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            settings = settings.map(List::copyOf);
            Objects.requireNonNull(error, "error");
            if (settings.isPresent() == error.isPresent()) {
                throw new IllegalArgumentException("extension " + kind.label() + " '" + name
                        + "' needs either its settings or the error that kept them from being read");
            }
        }
    }
}
