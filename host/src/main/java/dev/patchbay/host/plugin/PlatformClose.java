package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The steps of {@link PluginPlatform#close()}, each collecting what fails instead of stopping at it. */
final class PlatformClose {

    private PlatformClose() {
    }

    /** Deletes the folders zips were exploded into, but the ones in {@code kept}. */
    static void deleteExploded(Collection<DiscoveredPlugin> plugins, Set<Path> kept, List<Exception> failures) {
        for (DiscoveredPlugin plugin : plugins) {
            Optional<Path> folder = plugin.tempDirectory();
            if (folder.isPresent() && !kept.contains(folder.get())) {
                try {
                    PluginArchive.deleteTree(folder.get());
                } catch (IOException e) {
                    failures.add(e);
                }
            }
        }
    }

    /** @throws UncheckedIOException with the first failure as its cause and the others suppressed */
    static void throwIfAny(List<Exception> failures) {
        if (failures.isEmpty()) {
            return;
        }
        UncheckedIOException failure = new UncheckedIOException("closing the plugin platform left "
                + failures.size() + " problem(s); the first: " + failures.get(0).getMessage(),
                failures.get(0) instanceof IOException io ? io : new IOException(failures.get(0)));
        failures.stream().skip(1).forEach(failure::addSuppressed);
        throw failure;
    }
}
