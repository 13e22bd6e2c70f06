package dev.patchbay.host.plugin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unloads one started plugin version: from pf4j, then releases what the JDK keeps for its loader (JDBC drivers,
 * bundle and bean caches) and reports its threads and shutdown hooks ({@link PluginUnloadCleanup}), closes its class
 * loader, deletes its staging folder and
 * releases the leases it held on its dependencies (last, so that none of them goes while its loader can still
 * reach them). Used when a retired version's last lease closes and when the platform closes.
 */
final class PluginUnloader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginUnloader.class);

    private final PatchbayPluginManager pf4j;
    private final PluginUnloadCleanup cleanup = new PluginUnloadCleanup();

    PluginUnloader(PatchbayPluginManager pf4j) {
        this.pf4j = Objects.requireNonNull(pf4j, "pf4j");
    }

    /**
     * @param kept staging folders to keep: those a thread abandoned at its start deadline may still run from
     * @return what failed; empty when everything was freed
     */
    @SuppressWarnings("try") // the MDC handle is used only for its close()
    List<Exception> unload(LoadedPlugin plugin, Set<java.nio.file.Path> kept) {
        List<Exception> failures = new ArrayList<>();
        try (PluginMdc ignored = new PluginMdc(plugin.plugin().id())) {
            synchronized (pf4j) {
                PluginStart.unloadFromPf4j(pf4j, plugin.pf4jId(), plugin.plugin().info().path(), failures);
            }
            // Before the close: a driver's DriverAction is plugin code and may still load a class. It logs what it
            // found itself; the report is not kept, since a failure in it holds the plugin's classes.
            cleanup.afterUnload(plugin.loader(), plugin.plugin().id(), plugin.plugin().info().version());
            try {
                plugin.loader().close();
            } catch (IOException e) {
                failures.add(e);
            }
            Optional<java.nio.file.Path> folder = plugin.plugin().tempDirectory();
            if (folder.isPresent() && !kept.contains(folder.get())) {
                try {
                    PluginArchive.deleteTree(folder.get());
                } catch (IOException e) {
                    failures.add(e);
                }
            }
            plugin.dependencies().forEach(PluginLease::close);
        }
        return failures;
    }

    /** Unloads a retired version whose last lease closed, logging the outcome; never throws. */
    @SuppressWarnings("try") // the MDC handle is used only for its close()
    void unloadRetired(LoadedPlugin plugin) {
        List<Exception> failures;
        try {
            failures = unload(plugin, Set.of());
        } catch (RuntimeException e) {
            failures = List.of(e);
        }
        try (PluginMdc ignored = new PluginMdc(plugin.plugin().id())) {
            if (failures.isEmpty()) {
                LOG.info("{} unloaded: no pipeline uses it any more", plugin.handle());
            } else {
                IllegalStateException failure = new IllegalStateException(plugin.handle() + " was not fully unloaded: "
                        + failures.get(0).getMessage(), failures.get(0));
                failures.stream().skip(1).forEach(failure::addSuppressed);
                LOG.warn("{}; its class loader or staging folder may stay until the host stops", failure.getMessage(),
                        failure);
            }
        }
    }
}
