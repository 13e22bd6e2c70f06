package dev.patchbay.host.config;

/**
 * Deadlines on calls into plugin code, {@code "timeouts": {"callMillis": 30000, "createMillis": 60000,
 * "closeMillis": 10000}}: per pipeline, defaulting to {@code runtime.timeouts}, which defaults to
 * {@link #DEFAULT}.
 *
 * @param callMillis the longest a {@code poll}, a {@code process} of one chunk, a {@code write} or a
 *        {@code flush} may take
 * @param createMillis the longest a factory's {@code create} may take; at the runtime level it also bounds
 *        the start of each plugin (instantiating its factories)
 * @param closeMillis the longest a stage's {@code close} may take
 */
public record Timeouts(long callMillis, long createMillis, long closeMillis) {

    public static final long MIN_MILLIS = 1;
    /** One day: added to {@code System.nanoTime()} as nanoseconds it is far from overflow. */
    public static final long MAX_MILLIS = 86_400_000;
    public static final Timeouts DEFAULT = new Timeouts(30_000, 60_000, 10_000);

    public Timeouts {
        check("callMillis", callMillis);
        check("createMillis", createMillis);
        check("closeMillis", closeMillis);
    }

    private static void check(String key, long value) {
        if (value < MIN_MILLIS || value > MAX_MILLIS) {
            throw new IllegalArgumentException("timeouts." + key + " " + value + " must be within " + MIN_MILLIS
                    + ".." + MAX_MILLIS + " milliseconds");
        }
    }
}
