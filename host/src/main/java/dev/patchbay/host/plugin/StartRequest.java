package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a start check ({@code --start}) starts: either exactly some archives, every one enabled (as {@code plugins
 * verify} checks them), or a plugins folder with the operator's selection and archive policy (as {@code plugins
 * info}, {@code reference} and {@code config check} see it).
 *
 * @param archives the archives to start together; empty when {@code directory} is given
 * @param directory the plugins folder; empty when {@code archives} are given
 * @param selection which plugin ids of the folder are enabled
 * @param archivePolicy the lockfile and signature checks of the folder's archives
 * @param startDeadline how long each plugin's start may take, {@code runtime.timeouts.createMillis}
 */
public record StartRequest(List<Path> archives, Optional<Path> directory, PluginSelection selection,
        ArchivePolicy archivePolicy, Duration startDeadline) {

    public StartRequest {
        archives = List.copyOf(archives);
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(archivePolicy, "archivePolicy");
        Objects.requireNonNull(startDeadline, "startDeadline");
        if (archives.isEmpty() == directory.isEmpty()) {
            throw new IllegalArgumentException("a start request names either archives or a plugins folder, not "
                    + (archives.isEmpty() ? "neither" : "both") + "; archives " + archives + ", folder "
                    + directory.map(Path::toString).orElse("(none)"));
        }
    }

    /** Exactly these archives, every one enabled, with no lockfile or signature checks. */
    public static StartRequest archives(List<Path> archives, Duration startDeadline) {
        return new StartRequest(archives, Optional.empty(), PluginSelection.all(), ArchivePolicy.none(),
                startDeadline);
    }

    /** The plugins of a folder, as the platform of {@code run} would load them. */
    public static StartRequest directory(Path directory, PluginSelection selection, ArchivePolicy archivePolicy,
            Duration startDeadline) {
        return new StartRequest(List.of(), Optional.of(directory), selection, archivePolicy, startDeadline);
    }

    /** The platform this request describes, not yet discovered; the caller closes it. */
    PluginPlatform platform(PluginClassLoaderFactory classLoaders) {
        return directory.map(folder -> new PluginPlatform(folder, selection, startDeadline, archivePolicy))
                .orElseGet(() -> PluginPlatform.forArchives(archives, classLoaders, startDeadline));
    }
}
