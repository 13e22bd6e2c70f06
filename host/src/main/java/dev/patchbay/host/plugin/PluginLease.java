package dev.patchbay.host.plugin;

import java.util.Objects;

/**
 * A holder's claim on one loaded plugin version: while any lease is open, the version's class loader stays open,
 * even after the version is retired (its archive removed, replaced or reloaded). Closing is idempotent and
 * thread-safe. A pipeline attempt holds one lease per plugin version its stages use, from before it creates them
 * until after it has closed them.
 */
public final class PluginLease implements AutoCloseable {

    private final PluginHandle plugin;
    private final long number;
    private final String holder;

    PluginLease(PluginHandle plugin, long number, String holder) {
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.number = number;
        this.holder = Objects.requireNonNull(holder, "holder");
    }

    public PluginHandle plugin() {
        return plugin;
    }

    /** Who holds it, as the operator reads it in {@code plugins info}: a pipeline name. */
    public String holder() {
        return holder;
    }

    long number() {
        return number;
    }

    @Override
    public void close() {
        plugin.release(this);
    }
}
