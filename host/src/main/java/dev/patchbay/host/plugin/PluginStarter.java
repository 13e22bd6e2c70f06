package dev.patchbay.host.plugin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Starts the resolved plugins level by level of the dependency order, each within the start deadline.
 *
 * <p>A plugin's level is one more than its highest dependency's, so the plugins of one level are independent:
 * they start in parallel on a pool of start threads, and every level is published to the registry in one write
 * before the next begins, so a dependent always sees its dependencies' final state.
 *
 * <p>The calling thread watches each plugin's start. One that runs longer than the deadline (counted from the
 * moment a start thread begins it) fails with START_TIMEOUT: its thread is interrupted once and abandoned, and
 * the pool gets one more thread in its place. Every other start thread is ended before {@code start} returns.
 */
final class PluginStarter {

    /** A start thread left inside a plugin's code. */
    record Abandoned(AbandonedThread thread, StartAttempt attempt) {
        Abandoned {
            Objects.requireNonNull(thread, "thread");
            Objects.requireNonNull(attempt, "attempt");
        }

        DiscoveredPlugin plugin() {
            return attempt.plugin();
        }

        /** Whether the thread is still inside the plugin's start. */
        boolean stillInside() {
            return attempt.stillInside();
        }
    }

    static final Duration MIN_DEADLINE = Duration.ofMillis(1);
    static final Duration MAX_DEADLINE = Duration.ofDays(1);

    private final PluginRegistry registry;
    private final ThreadFactory startThreads;
    private final Duration deadline;
    private final ProblemLog problemLog;
    // Start threads signal it when an attempt begins or ends; the watcher waits on it.
    private final ReentrantLock watch = new ReentrantLock();
    private final Condition changed = watch.newCondition();

    /**
     * @param deadline how long each plugin's start may take, 1 ms to 1 day
     * @throws IllegalArgumentException if the deadline is outside 1 ms to 1 day
     */
    PluginStarter(PluginRegistry registry, ThreadFactory startThreads, Duration deadline, ProblemLog problemLog) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.startThreads = Objects.requireNonNull(startThreads, "startThreads");
        this.deadline = checkDeadline(deadline);
        this.problemLog = Objects.requireNonNull(problemLog, "problemLog");
    }

    private static Duration checkDeadline(Duration deadline) {
        Objects.requireNonNull(deadline, "startDeadline");
        if (deadline.compareTo(MIN_DEADLINE) < 0 || deadline.compareTo(MAX_DEADLINE) > 0) {
            throw new IllegalArgumentException("the plugin start deadline " + deadline.toMillis() + " ms must be"
                    + " within " + MIN_DEADLINE.toMillis() + " ms and " + MAX_DEADLINE.toMillis() + " ms (one day);"
                    + " set runtime.timeouts.createMillis in config/patchbay.json within that range");
        }
        return deadline;
    }

    /**
     * Starts the plugins of {@code startOrder} and publishes each level.
     *
     * @param startOrder the keys of the plugins to start, dependencies first
     * @param byKey the discovered plugins by key
     * @param links per key, the keys of the dependency versions it links
     * @param loaded receives every plugin that started; start threads read it meanwhile
     * @param abandoned receives every start thread left inside a plugin's code
     * @throws IllegalStateException if the calling thread is interrupted (the running starts are then
     *         abandoned) or a start failed in a way no plugin problem describes
     */
    void start(List<String> startOrder, Function<String, DiscoveredPlugin> byKey, Map<String, List<String>> links,
            PluginStart start, Map<String, LoadedPlugin> loaded, Consumer<Abandoned> abandoned) {
        List<List<String>> levels = levels(startOrder, links);
        if (levels.isEmpty()) {
            return;
        }
        int widest = levels.stream().mapToInt(List::size).max().orElse(1);
        int threads = Math.min(widest, Math.max(2, Runtime.getRuntime().availableProcessors()));
        PlatformThreads.Tracked tracked = new PlatformThreads.Tracked(startThreads);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), tracked);
        List<Abandoned> left = new ArrayList<>();
        Consumer<Abandoned> record = entry -> {
            left.add(entry);
            abandoned.accept(entry);
        };
        try {
            for (List<String> level : levels) {
                List<StartAttempt> attempts = new ArrayList<>();
                AtomicInteger ended = new AtomicInteger();
                for (String key : level) {
                    DiscoveredPlugin plugin = byKey.apply(key);
                    List<String> linked = links.getOrDefault(key, List.of());
                    StartAttempt attempt = new StartAttempt(plugin, () -> start.start(plugin, linked, loaded),
                            start::release, new EndSignal(ended, level.size(), this::signal));
                    attempts.add(attempt);
                    executor.execute(attempt);
                }
                Map<StartAttempt, AbandonedThread> overdue;
                try {
                    overdue = await(attempts, executor, record, ended);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw giveUp(attempts, executor, start, record, e);
                }
                publish(attempts, overdue, loaded);
            }
        } finally {
            executor.shutdown();
            if (!Thread.currentThread().isInterrupted()) {
                tracked.join("start", thread -> left.stream()
                        .anyMatch(entry -> entry.stillInside() && entry.attempt().runsOn(thread)));
            }
            // Interrupted: the pool is shut down and its threads, interrupted and abandoned, end on their own.
        }
    }

    /**
     * An attempt's callback, called on its start thread when it begins and when it ends. Only the end of the last
     * attempt of a level wakes the watcher: waking it for every begin and end made it scan the whole level each
     * time, quadratic in the level's width (2,000 plugins, 4,000 scans of 2,000). A begin need not wake it, because
     * an attempt that begins after the watcher's last scan has its deadline after the watcher's next wake-up.
     */
    static final class EndSignal implements Runnable {
        private final AtomicInteger ended;
        private final int size;
        private final Runnable wake;
        private int calls; // begin and end both run on the attempt's start thread

        EndSignal(AtomicInteger ended, int size, Runnable wake) {
            this.ended = ended;
            this.size = size;
            this.wake = wake;
        }

        @Override
        public void run() {
            // The watcher counts the attempts it abandons too; one that ends late counts twice, and then every later
            // end wakes the watcher: an extra scan, never a missed wake-up.
            if (++calls == 2 && ended.incrementAndGet() >= size) {
                wake.run();
            }
        }
    }

    /**
     * Waits until every attempt has finished or has been abandoned; returns the abandoned ones. It sleeps until the
     * earliest deadline of the running attempts, or until {@code ended} (finished plus abandoned) reaches the level's
     * size.
     */
    private Map<StartAttempt, AbandonedThread> await(List<StartAttempt> attempts, ThreadPoolExecutor executor,
            Consumer<Abandoned> abandoned, AtomicInteger ended) throws InterruptedException {
        long deadlineNanos = deadline.toNanos();
        Map<StartAttempt, AbandonedThread> overdue = new LinkedHashMap<>();
        watch.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                long wait = deadlineNanos;
                boolean pending = false;
                for (StartAttempt attempt : attempts) {
                    if (attempt.settled()) {
                        continue;
                    }
                    Optional<AbandonedThread> thread = attempt.abandonIfOverdue(now, deadlineNanos);
                    if (thread.isPresent()) {
                        ended.incrementAndGet();
                        overdue.put(attempt, thread.get());
                        abandoned.accept(new Abandoned(thread.get(), attempt));
                        // The abandoned thread keeps its place in the pool: one more keeps the other starts going.
                        executor.setMaximumPoolSize(executor.getMaximumPoolSize() + 1);
                        executor.setCorePoolSize(executor.getCorePoolSize() + 1);
                        continue;
                    }
                    pending = true;
                    wait = Math.min(wait, attempt.remainingNanos(now, deadlineNanos));
                }
                if (!pending) {
                    return overdue;
                }
                changed.awaitNanos(wait);
            }
        } finally {
            watch.unlock();
        }
    }

    /**
     * Gives up the level when the calling thread is interrupted: the queued starts never begin (their plugins
     * stay RESOLVED), the running ones are interrupted and abandoned, and what the finished ones made is freed.
     */
    private static IllegalStateException giveUp(List<StartAttempt> attempts, ThreadPoolExecutor executor,
            PluginStart start, Consumer<Abandoned> abandoned, InterruptedException cause) {
        executor.getQueue().clear();
        List<String> given = new ArrayList<>();
        for (StartAttempt attempt : attempts) {
            Optional<AbandonedThread> thread = attempt.giveUp();
            if (thread.isPresent()) {
                given.add(attempt.pluginId());
                abandoned.accept(new Abandoned(thread.get(), attempt));
            } else if (attempt.outcome() != null) {
                start.release(attempt.outcome());
            }
        }
        return new IllegalStateException("interrupted while starting plugins; the starts of " + given
                + " were interrupted and abandoned, and the plugins not yet begun stay RESOLVED", cause);
    }

    private void signal() {
        watch.lock();
        try {
            changed.signalAll();
        } finally {
            watch.unlock();
        }
    }

    /** Publishes one level, then logs each outcome; rethrows what failed unexpectedly, after publishing. */
    private void publish(List<StartAttempt> attempts, Map<StartAttempt, AbandonedThread> overdue,
            Map<String, LoadedPlugin> loaded) {
        List<PluginStart.Outcome> outcomes = new ArrayList<>();
        RuntimeException unexpected = null;
        for (StartAttempt attempt : attempts) {
            AbandonedThread thread = overdue.get(attempt);
            if (thread != null) {
                PluginInfo info = attempt.plugin().info();
                outcomes.add(PluginStart.failed(info, List.of(StartTimeout.problem(info, deadline, thread))));
            } else if (attempt.failure() != null) {
                // Keep collecting, so that every plugin of the level that did start is published.
                IllegalStateException failure = new IllegalStateException("starting plugin '" + attempt.pluginId()
                        + "' failed unexpectedly: " + attempt.failure(), attempt.failure());
                if (unexpected == null) {
                    unexpected = failure;
                } else {
                    unexpected.addSuppressed(failure);
                }
            } else {
                outcomes.add(attempt.outcome());
            }
        }
        List<PluginRegistry.Change> changes = new ArrayList<>();
        for (PluginStart.Outcome outcome : outcomes) {
            if (outcome.loaded() != null) {
                loaded.put(outcome.loaded().key(), outcome.loaded());
            }
            changes.add(new PluginRegistry.Change(outcome.info(), outcome.extensions()));
        }
        registry.publish(changes);
        for (PluginStart.Outcome outcome : outcomes) {
            if (outcome.info().state() == PluginState.STARTED) {
                problemLog.started(outcome.info(), outcome.extensions().size());
            } else {
                problemLog.problems(outcome.info());
            }
        }
        if (unexpected != null) {
            throw unexpected;
        }
    }

    /** The start order cut into dependency levels; each level keeps the start order. */
    private static List<List<String>> levels(List<String> startOrder, Map<String, List<String>> links) {
        Map<String, Integer> levelByKey = new HashMap<>();
        List<List<String>> levels = new ArrayList<>();
        for (String key : startOrder) {
            int level = 0;
            for (String dependency : links.getOrDefault(key, List.of())) {
                Integer dependencyLevel = levelByKey.get(dependency);
                if (dependencyLevel != null) {
                    level = Math.max(level, dependencyLevel + 1);
                }
            }
            levelByKey.put(key, level);
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            levels.get(level).add(key);
        }
        return levels;
    }
}
