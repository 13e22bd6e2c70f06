package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * Reads the manifests of many archives in parallel, one slice of the list per thread: the pass a start of a few
 * plugins makes over every archive before it discovers the few in full. Its threads end before {@link #read}
 * returns.
 */
final class ManifestPass<T> {

    private final Function<Path, Optional<T>> reader;
    private final ThreadFactory threads;

    /**
     * @param reader reads one archive's manifest; empty when it cannot (the archive is then discovered at once)
     * @param threads makes the pass's threads, such as {@code patchbay-plugin-manifest-N}
     */
    ManifestPass(Function<Path, Optional<T>> reader, ThreadFactory threads) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    /**
     * @return the manifest of each archive that has a readable one with an id
     * @throws IllegalStateException if the calling thread is interrupted (the flag stays set) or a read failed in a
     *         way no plugin problem describes
     */
    Map<Path, T> read(List<Path> archives) {
        int count = Math.min(archives.size(), Math.max(2, Runtime.getRuntime().availableProcessors()));
        Map<Path, T> manifests = new HashMap<>();
        if (count == 0) {
            return manifests;
        }
        PlatformThreads.Tracked tracked = new PlatformThreads.Tracked(threads);
        ExecutorService pool = Executors.newFixedThreadPool(count, tracked);
        try {
            List<Future<Map<Path, T>>> slices = new ArrayList<>();
            for (int slice = 0; slice < count; slice++) {
                List<Path> mine = archives.subList(archives.size() * slice / count,
                        archives.size() * (slice + 1) / count);
                slices.add(pool.submit(() -> {
                    Map<Path, T> found = new HashMap<>();
                    mine.forEach(path -> reader.apply(path).ifPresent(manifest -> found.put(path, manifest)));
                    return found;
                }));
            }
            for (Future<Map<Path, T>> slice : slices) {
                manifests.putAll(slice.get());
            }
            return manifests;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the plugins' manifests; no plugin started", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading a plugin manifest failed unexpectedly: " + e.getCause(),
                    e.getCause());
        } finally {
            pool.shutdownNow();
            if (!Thread.currentThread().isInterrupted()) {
                // An executor reports termination slightly before its last thread is dead: join them.
                tracked.join("manifest", thread -> false);
            }
        }
    }
}
