package dev.patchbay.host.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers archives in parallel, on a pool of discovery threads that is ended before {@link #discover}
 * returns. Discovery runs no plugin code, so it needs no deadline. A defect met while reading one archive
 * fails that archive only.
 */
final class ParallelDiscovery {

    // Logged under the platform's logger name, which operators filter on.
    private static final Logger log = LoggerFactory.getLogger(PluginPlatform.class);

    private final PluginDiscovery discovery;
    private final PluginSelection selection;
    private final ThreadFactory threads;

    ParallelDiscovery(PluginDiscovery discovery, PluginSelection selection, ThreadFactory threads) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.selection = Objects.requireNonNull(selection, "selection");
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    /** @return one discovered plugin per archive, in the order given */
    List<DiscoveredPlugin> discover(List<Path> archives) {
        if (archives.isEmpty()) {
            return List.of();
        }
        int count = Math.min(archives.size(), Math.max(2, Runtime.getRuntime().availableProcessors()));
        PlatformThreads.Tracked tracked = new PlatformThreads.Tracked(threads);
        ExecutorService executor = Executors.newFixedThreadPool(count, tracked);
        try {
            List<Future<DiscoveredPlugin>> futures = new ArrayList<>();
            for (Path archive : archives) {
                futures.add(executor.submit(() -> discoverOne(archive)));
            }
            List<DiscoveredPlugin> found = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                found.add(await(futures.get(i), archives.get(i)));
            }
            return found;
        } finally {
            executor.shutdownNow();
            awaitTermination(executor);
            tracked.join("discovery", thread -> false);
        }
    }

    @SuppressWarnings("try") // the MDC handle is used only for its close()
    private DiscoveredPlugin discoverOne(Path archive) {
        if (!Files.exists(archive)) {
            return failed(archive, new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin archive '" + archive
                    + "' does not exist; check the path"));
        }
        // The id is not known before the manifest is read; the file name stands for it, as in problems.
        try (PluginMdc ignored = new PluginMdc(archive.getFileName().toString())) {
            try {
                return discovery.discover(archive, selection);
            } catch (RuntimeException e) {
                log.error("Unexpected failure while discovering '{}'", archive, e);
                return failed(archive, new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin archive '"
                        + archive.getFileName() + "' could not be read: " + e
                        + "; check the log for the stack trace and rebuild the plugin"));
            }
        }
    }

    private static DiscoveredPlugin failed(Path archive, Problem problem) {
        return new DiscoveredPlugin(new PluginInfo(archive.getFileName().toString(), "", "", "", "", "*",
                List.of(), archive, PluginState.FAILED, List.of(), List.of(problem)), Optional.empty(),
                List.of(), Set.of(), Optional.empty());
    }

    private static DiscoveredPlugin await(Future<DiscoveredPlugin> future, Path archive) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while discovering '" + archive + "'", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("discovering '" + archive + "' failed unexpectedly: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("plugin discovery threads did not stop within 30 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the plugin discovery threads", e);
        }
    }
}
