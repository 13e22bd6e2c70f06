package dev.patchbay.testkit;

import dev.patchbay.api.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
}
