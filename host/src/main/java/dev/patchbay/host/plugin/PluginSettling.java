package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settle rule of {@link PluginFolderWatcher}, apart from files and threads so that it is tested on a fake clock.
 * Each look passes what the folder holds now; an entry whose observation (a fingerprint, or absence) differs from the
 * stable snapshot is pending, and it joins the snapshot only once the same observation was made on at least two
 * looks spanning the settle time. A new observation restarts its wait. So a file still growing, or one that
 * disappears before it settles, is never reported, and a removal or a rewrite is reported only once it is over.
 *
 * <p>Not thread-safe: one watcher thread owns it.
 */
final class PluginSettling {

    private final long settleNanos;
    private final Map<Path, Pending> pending = new HashMap<>();
    private Map<Path, PluginFingerprint> stable;

    /**
     * An observation that differs from the stable snapshot, and the look that first made it. Confirming it needs a
     * later look, so the two-look rule follows from a positive settle time.
     */
    private record Pending(Optional<PluginFingerprint> seen, long sinceNanos) {
    }

    PluginSettling(Map<Path, PluginFingerprint> baseline, Duration settle) {
        if (settle.isNegative() || settle.isZero()) {
            throw new IllegalArgumentException("the settle time of the plugins folder must be positive, not settle"
                    + " time '" + settle + "'");
        }
        this.settleNanos = settle.toNanos();
        this.stable = Collections.unmodifiableMap(new TreeMap<>(baseline));
    }

    /** The stable snapshot: the baseline, then what the last report held. */
    Map<Path, PluginFingerprint> stable() {
        return stable;
    }

    /**
     * Takes one look into account.
     *
     * @param seen every readable entry of the folder now; any other entry counts as absent
     * @param unknown entries that could not be read on this look: neither absent nor present, they keep their stable
     *     fingerprint and any wait for them starts again once they can be read
     * @param nowNanos the ticker's time of the look
     * @return the change, when an entry settled
     */
    Optional<PluginFolderChange> look(Map<Path, PluginFingerprint> seen, Set<Path> unknown, long nowNanos) {
        Set<Path> paths = new HashSet<>(stable.keySet());
        paths.addAll(seen.keySet());
        paths.addAll(pending.keySet());
        paths.removeAll(unknown);
        pending.keySet().removeAll(unknown);
        for (Path path : paths) {
            Optional<PluginFingerprint> now = Optional.ofNullable(seen.get(path));
            if (now.equals(Optional.ofNullable(stable.get(path)))) {
                pending.remove(path);
                continue;
            }
            Pending before = pending.get(path);
            if (before == null || !before.seen().equals(now)) {
                pending.put(path, new Pending(now, nowNanos));
            }
        }
        return settle(nowNanos);
    }

    /**
     * How long until a pending entry could settle, so that the watcher looks again then; empty when none is pending.
     */
    OptionalLong nanosUntilDue(long nowNanos) {
        return pending.values().stream()
                .mapToLong(entry -> Math.max(0, entry.sinceNanos() + settleNanos - nowNanos))
                .min();
    }

    private Optional<PluginFolderChange> settle(long nowNanos) {
        Map<Path, PluginFingerprint> next = new TreeMap<>(stable);
        Set<Path> added = new HashSet<>();
        Set<Path> removed = new HashSet<>();
        Set<Path> changed = new HashSet<>();
        Iterator<Map.Entry<Path, Pending>> entries = pending.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Path, Pending> entry = entries.next();
            Pending candidate = entry.getValue();
            if (nowNanos - candidate.sinceNanos() < settleNanos) {
                continue;
            }
            entries.remove();
            Path path = entry.getKey();
            if (candidate.seen().isEmpty()) {
                next.remove(path);
                removed.add(path);
            } else {
                (next.put(path, candidate.seen().get()) == null ? added : changed).add(path);
            }
        }
        if (added.isEmpty() && removed.isEmpty() && changed.isEmpty()) {
            return Optional.empty();
        }
        PluginFolderChange change = new PluginFolderChange(next, added, removed, changed);
        stable = change.snapshot();
        return Optional.of(change);
    }
}
