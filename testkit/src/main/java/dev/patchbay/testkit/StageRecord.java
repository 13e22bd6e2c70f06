package dev.patchbay.testkit;

import dev.patchbay.api.Position;
import dev.patchbay.api.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a stage reported to the host besides its rows: rejections and named counters. Shared by a
 * {@link TestContext} and its copies, as the logger is.
 *
 * <p>Guarding: a plugin may count or reject from threads of its own, so every access holds this object's lock.
 */
final class StageRecord {

    private final List<Rejection> rejections = new ArrayList<>();
    private final Map<String, Long> counters = new TreeMap<>();
    private final Map<String, String> statuses = new TreeMap<>();
    private Position committed;
    private Runnable onFlush = () -> { };
    private int flushes;

    synchronized void rejected(Rejection rejection) {
        rejections.add(rejection);
    }

    synchronized void count(String counter, long amount) {
        counters.merge(counter, amount, Long::sum);
    }

    synchronized List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    synchronized Map<String, Long> counters() {
        return Map.copyOf(counters);
    }

    synchronized void status(String name, String value) {
        statuses.put(name, value);
    }

    synchronized Map<String, String> statuses() {
        return Map.copyOf(statuses);
    }

    synchronized void commit(Position position) {
        committed = position;
    }

    synchronized Optional<Position> committed() {
        return Optional.ofNullable(committed);
    }

    synchronized void onFlush(Runnable action) {
        onFlush = action;
    }

    /** Counts a flush and returns its action, which the caller runs outside this lock. */
    synchronized Runnable flushed() {
        flushes++;
        return onFlush;
    }

    synchronized int flushes() {
        return flushes;
    }
}
