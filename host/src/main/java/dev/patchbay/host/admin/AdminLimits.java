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

    /** Eight workers and 64 waiting requests: the admin API's callers are operators, scripts and one console. */
    public static final AdminLimits DEFAULT = new AdminLimits(8, 64, Duration.ofSeconds(1));

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
