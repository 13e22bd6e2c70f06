package dev.patchbay.host.plugin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One loaded version of a plugin: the per-plugin handle. It is loaded once (one class loader, one {@link PluginScope})
 * and, when it is retired, unloaded once the last {@link PluginLease} on it is closed. A reload or upgrade loads a
 * new handle (a higher generation) next to the old one, so the pipelines on the old one drain before it goes.
 *
 * <p>Guarding: the leases, the retired flag and whether the unload was handed off are guarded by {@code this}; the
 * unload callback runs outside the monitor, exactly once, on the thread that made the handle idle.
 */
public final class PluginHandle {

    private final String id;
    private final String version;
    private final long generation;
    private final PluginScope scope;
    private final Consumer<PluginHandle> onIdle;

    private final Map<Long, String> holders = new LinkedHashMap<>();
    private long nextLease;
    private boolean retired;
    private boolean handedOff;

    /**
     * @param generation counts the loads of this platform, so that two loads of one archive are told apart
     * @param onIdle unloads the handle; called once, when it is retired and holds no lease
     */
    PluginHandle(String id, String version, long generation, PluginScope scope, Consumer<PluginHandle> onIdle) {
        this.id = Objects.requireNonNull(id, "id");
        this.version = Objects.requireNonNull(version, "version");
        this.generation = generation;
        this.scope = Objects.requireNonNull(scope, "scope");
        this.onIdle = Objects.requireNonNull(onIdle, "onIdle");
    }

    /**
     * A handle that no platform unloads, for catalogs whose plugins live as long as the process: test catalogs
     * and documentation tools.
     */
    public static PluginHandle standalone(String id, String version, PluginScope scope) {
        return new PluginHandle(id, version, 0, scope, handle -> {
        });
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    public long generation() {
        return generation;
    }

    public PluginScope scope() {
        return scope;
    }

    /**
     * Takes a lease for {@code holder}, unless the handle is retired: a retired version takes no new users.
     *
     * @return the lease, or empty when the handle is retired
     */
    public synchronized Optional<PluginLease> tryLease(String holder) {
        Objects.requireNonNull(holder, "holder");
        if (retired) {
            return Optional.empty();
        }
        PluginLease lease = new PluginLease(this, nextLease++, holder);
        holders.put(lease.number(), holder);
        return Optional.of(lease);
    }

    /** Who holds a lease now, in the order they took it; one entry per lease. */
    public synchronized List<String> holders() {
        return List.copyOf(holders.values());
    }

    public synchronized boolean retired() {
        return retired;
    }

    /** Takes no new leases from now on; unloads as soon as the open ones are closed. Idempotent. */
    void retire() {
        synchronized (this) {
            retired = true;
            if (!holders.isEmpty() || handedOff) {
                return;
            }
            handedOff = true;
        }
        onIdle.accept(this);
    }

    void release(PluginLease lease) {
        synchronized (this) {
            if (holders.remove(lease.number()) == null || !retired || !holders.isEmpty() || handedOff) {
                return;
            }
            handedOff = true;
        }
        onIdle.accept(this);
    }

    @Override
    public String toString() {
        return "plugin '" + id + "' " + version + " (load " + generation + ")";
    }
}
