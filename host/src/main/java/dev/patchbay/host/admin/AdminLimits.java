package dev.patchbay.host.admin;

import java.time.Duration;
import java.util.Objects;

/**
 * How much work the admin server takes on at once.
 *
 * @param threads the worker threads, {@code patchbay-admin-N}, 1 or more
 * @param queueCapacity requests waiting for a worker, 0 or more; beyond it a request is answered 503
 * @param stopDelay how long {@link AdminServer#close()} lets exchanges in progress finish, whole seconds
 */
public record AdminLimits(int threads, int queueCapacity, Duration stopDelay) {

    /**
     * Sixteen workers and 512 waiting requests: the callers are operators, scripts, consoles and scrapers, and 200 of
     * them at once (the load target of design/PERFORMANCE.md) must be queued, not refused. A queued request costs a
     * few hundred bytes; the request deadline bounds how long a slow client holds a worker.
     */
    public static final AdminLimits DEFAULT = new AdminLimits(16, 512, Duration.ofSeconds(1));

    public AdminLimits {
        if (threads < 1 || queueCapacity < 0) {
            throw new IllegalArgumentException("admin server limits: threads " + threads + " must be at least 1 and "
                    + "queueCapacity " + queueCapacity + " at least 0");
        }
        Objects.requireNonNull(stopDelay, "stopDelay");
        if (stopDelay.isNegative() || stopDelay.toSeconds() > 60) {
            throw new IllegalArgumentException("admin server stop delay " + stopDelay + " must be 0 to 60 seconds");
        }
    }
}
