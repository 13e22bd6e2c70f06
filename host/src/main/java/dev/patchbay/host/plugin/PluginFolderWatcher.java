package dev.patchbay.host.plugin;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the plugins folder and tells a {@link PluginFolderListener} when the set of stable plugin entries changed
 * (what {@link PluginArchive#list} counts: jars, zips and folder plugins). A {@link WatchService} wakes the watcher
 * early; a rescan every {@link Settings#rescanInterval()} catches what it misses (overflow, file systems without
 * events, changes deep inside folder plugins). Every look reads the whole folder, and an entry becomes stable only
 * once its {@link PluginFingerprint} has held for {@link Settings#settle()} across two looks, so a file still being
 * copied is never reported. That rule is {@link PluginSettling}, which takes the time of each look as an argument
 * so that it is tested on a fake clock. The entries found at {@link #start()} are the baseline, reported as added
 * only when {@link Settings#reportBaseline()} asks.
 *
 * <p>A missing or unlistable folder is logged once at WARN, with the path and what to do; the stable snapshot is
 * kept (a folder that went away is not taken for every plugin removed) and the watcher keeps looking, and logs at
 * INFO when the folder is back.
 *
 * <p>Guarding: the settle state, the watch key and what was already warned are confined to the watcher thread
 * {@value #THREAD_NAME} (made in {@link #start()} before the thread starts, so the start publishes them). The stable
 * snapshot is an immutable map in a volatile field, written by {@code start()} and then by that thread only; the
 * look count is atomic. The
 * watch service is written once in {@code start()} before the thread starts and closed by {@link #close()} after
 * the thread ended (or its deadline passed). Started and closed are atomic flags, so either call runs once;
 * {@code start()} runs under the watcher's monitor, and {@code close()} sets its flag under it, so that a close
 * racing a start waits for it and closes what it opened. The monitor is never held while joining.
 */
public final class PluginFolderWatcher implements AutoCloseable {

    /** The name of the watcher's thread. */
    public static final String THREAD_NAME = "patchbay-plugin-watch";

    private static final Logger LOG = LoggerFactory.getLogger(PluginFolderWatcher.class);
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);

    /**
     * How the watcher looks.
     *
     * @param settle how long a fingerprint must hold before the entry counts as stable (for example 500 ms)
     * @param rescanInterval the longest time between two looks, whatever the watch service says
     * @param reportBaseline whether the entries found at start are reported as added, once they are stable
     */
    public record Settings(Duration settle, Duration rescanInterval, boolean reportBaseline) {
        public Settings {
            requirePositive(settle, "settle time");
            requirePositive(rescanInterval, "rescan interval");
        }

        private static void requirePositive(Duration duration, String what) {
            Objects.requireNonNull(duration, what);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("the plugins folder's " + what + " must be positive, not '"
                        + duration + "'");
            }
        }
    }

    private final Path folder;
    private final Settings settings;
    private final PluginFolderListener listener;
    private final PluginFolderScan scan;
    private final Thread thread;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong looks = new AtomicLong();
    private volatile Map<Path, PluginFingerprint> stable = Map.of();

    private WatchService watchService;
    private PluginSettling settling;
    private WatchKey key;
    private String folderProblem;
    private boolean watchProblemWarned;
    private final Set<Path> unreadableWarned = new HashSet<>();

    public PluginFolderWatcher(Path folder, Settings settings, PluginFolderListener listener) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.scan = new PluginFolderScan(folder);
        this.thread = new Thread(this::run, THREAD_NAME);
        // Daemon, so that a watcher someone forgot to close cannot keep the JVM alive; close() still ends it.
        this.thread.setDaemon(true);
    }

    /**
     * Takes the baseline look on the calling thread, then starts watching. Once only. An entry still being copied
     * at start is in the baseline as it was then, and is reported as changed once it has settled.
     */
    public synchronized void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("the watcher of the plugins folder '" + folder
                    + "' was already started or closed; make a new one");
        }
        try {
            watchService = folder.getFileSystem().newWatchService();
        } catch (IOException e) {
            LOG.warn("Cannot watch the plugins folder '{}' for events ({}); changes are seen on the rescan every {}"
                    + " ms instead. On Linux, raise fs.inotify.max_user_instances", folder, e,
                    settings.rescanInterval().toMillis());
        }
        PluginFolderScan.Look first = scan.look();
        folderReadable(first);
        register(first);
        Map<Path, PluginFingerprint> baseline = settings.reportBaseline() ? Map.of() : first.entries();
        settling = new PluginSettling(baseline, settings.settle());
        if (settings.reportBaseline() && first.problem().isEmpty()) {
            settling.look(first.entries(), first.unreadable().keySet(), System.nanoTime());
        }
        stable = settling.stable();
        looks.incrementAndGet();
        thread.start();
    }

    /** The stable entries: the baseline, then the snapshot of the last report. Immutable. */
    public Map<Path, PluginFingerprint> stable() {
        return stable;
    }

    /**
     * Stops the watcher: interrupts its thread (and so a listener call under way), waits for it at most 10 seconds
     * and closes the watch service. Called again, or from the listener itself, it does not wait.
     */
    @Override
    public void close() {
        // Under the monitor only to wait for a start under way, so that its watch service is closed too; not while
        // joining, so that the listener can call close() meanwhile.
        synchronized (this) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
        }
        if (started.get()) {
            thread.interrupt();
            if (Thread.currentThread() != thread) {
                join();
            }
        }
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.warn("Cannot close the watch service of the plugins folder '{}'", folder, e);
            }
        }
    }

    /** How many looks were taken; for tests that wait for the watcher to have looked again. */
    long looks() {
        return looks.get();
    }

    Thread thread() {
        return thread;
    }

    private void join() {
        try {
            thread.join(CLOSE_DEADLINE.toMillis());
            if (thread.isAlive()) {
                LOG.warn("The plugins folder watcher thread '{}' did not stop within {}: its listener ignores the"
                        + " interrupt. It stops when the listener returns", THREAD_NAME, CLOSE_DEADLINE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while waiting for the plugins folder watcher thread '{}' to stop; it stops on its"
                    + " own, having been interrupted", THREAD_NAME);
        }
    }

    private void run() {
        long rescanNanos = settings.rescanInterval().toNanos();
        try {
            long nextRescan = System.nanoTime() + rescanNanos;
            while (!closed.get()) {
                long now = System.nanoTime();
                long wait = Math.min(nextRescan - now, settling.nanosUntilDue(now).orElse(Long.MAX_VALUE));
                awaitEvents(Math.max(0, wait));
                if (closed.get()) {
                    break;
                }
                lookAndReport();
                nextRescan = System.nanoTime() + rescanNanos;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!closed.get()) {
                LOG.warn("The plugins folder watcher of '{}' was interrupted; the folder is no longer watched",
                        folder);
            }
        } catch (ClosedWatchServiceException e) {
            if (!closed.get()) {
                LOG.error("The watch service of the plugins folder '{}' closed; the folder is no longer watched",
                        folder, e);
            }
        }
    }

    /** Waits for events or the timeout, and drains every event: each look reads the whole folder anyway. */
    private void awaitEvents(long nanos) throws InterruptedException {
        if (watchService == null) {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return;
        }
        WatchKey signalled = watchService.poll(nanos, TimeUnit.NANOSECONDS);
        while (signalled != null) {
            signalled.pollEvents();
            if (!signalled.reset() && signalled == key) {
                key = null;
            }
            signalled = watchService.poll();
        }
    }

    private void lookAndReport() {
        PluginFolderScan.Look look = scan.look();
        if (!folderReadable(look)) {
            looks.incrementAndGet();
            return;
        }
        register(look);
        warnUnreadable(look.unreadable());
        Optional<PluginFolderChange> change = settling.look(look.entries(), look.unreadable().keySet(),
                System.nanoTime());
        looks.incrementAndGet();
        change.ifPresent(this::report);
    }

    /** Logs a problem with the folder once, and its end; whether the look could list the folder. */
    private boolean folderReadable(PluginFolderScan.Look look) {
        Optional<String> problem = look.problem();
        if (problem.isPresent()) {
            if (!problem.get().equals(folderProblem)) {
                LOG.warn("{}. Plugins already loaded keep running; no change is read from the folder until it is"
                        + " back (looked for every {} ms)", problem.get(), settings.rescanInterval().toMillis());
                folderProblem = problem.get();
            }
            return false;
        }
        if (folderProblem != null) {
            LOG.info("The plugins folder '{}' is back; its changes are read again", folder);
            folderProblem = null;
        }
        return true;
    }

    private void report(PluginFolderChange change) {
        stable = change.snapshot();
        LOG.debug("Plugins folder '{}': {}", folder, change);
        try {
            listener.changed(change);
        } catch (RuntimeException e) {
            LOG.error("The listener of the plugins folder '{}' failed on the change {}; the watcher carries on and"
                    + " does not deliver this change again", folder, change, e);
        }
    }

    private void register(PluginFolderScan.Look look) {
        if (watchService == null || look.problem().isPresent() || (key != null && key.isValid())) {
            return;
        }
        try {
            key = folder.register(watchService, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
            watchProblemWarned = false;
        } catch (IOException e) {
            if (!watchProblemWarned) {
                LOG.warn("Cannot watch the plugins folder '{}' for events ({}); changes are seen on the rescan every"
                        + " {} ms instead", folder, e, settings.rescanInterval().toMillis());
                watchProblemWarned = true;
            }
        }
    }

    private void warnUnreadable(Map<Path, String> unreadable) {
        unreadableWarned.retainAll(unreadable.keySet());
        unreadable.forEach((entry, why) -> {
            if (unreadableWarned.add(entry)) {
                LOG.warn("The plugin entry '{}' cannot be read ({}); it is taken as it was until it can be read."
                        + " Give the host's user read access to it", entry, why);
            }
        });
    }
}
