package dev.patchbay.host.config;

import java.util.Objects;

/**
 * Whether a failed pipeline is started again, {@code "restart": {"policy": "on-failure", "maxRestarts": 10,
 * "initialBackoffMillis": 1000, "maxBackoffMillis": 60000, "multiplier": 2.0, "jitter": 0.2}}: the delay
 * before restart {@code n} (from 1) is {@code min(maxBackoff, initialBackoff * multiplier^(n-1))}, moved at
 * random by up to {@code jitter} of itself either way.
 *
 * @param policy {@code never} (default) or {@code on-failure}
 * @param maxRestarts restarts allowed in one run, 0 to {@value #MAX_RESTARTS}; default 10
 * @param initialBackoffMillis the delay before the first restart, 0 to {@value Timeouts#MAX_MILLIS}; default 1000
 * @param maxBackoffMillis the longest delay, at least {@code initialBackoffMillis}; default 60000
 * @param multiplier how much each delay grows, 1 to {@value #MAX_MULTIPLIER}; default 2
 * @param jitter the share of a delay moved at random, 0 to 1; default 0.2
 */
public record RestartPolicy(Policy policy, int maxRestarts, long initialBackoffMillis, long maxBackoffMillis,
        double multiplier, double jitter) {

    /** When a failed pipeline is restarted. */
    public enum Policy {
        NEVER("never"), ON_FAILURE("on-failure");

        private final String word;

        Policy(String word) {
            this.word = word;
        }

        /** The word in the configuration file. */
        public String word() {
            return word;
        }
    }

    public static final int MAX_RESTARTS = 1_000_000;
    public static final double MAX_MULTIPLIER = 10;
    public static final RestartPolicy DEFAULT = new RestartPolicy(Policy.NEVER, 10, 1000, 60_000, 2.0, 0.2);

    public RestartPolicy {
        Objects.requireNonNull(policy, "policy");
        if (maxRestarts < 0 || maxRestarts > MAX_RESTARTS) {
            throw new IllegalArgumentException("restart.maxRestarts " + maxRestarts + " must be within 0.."
                    + MAX_RESTARTS);
        }
        if (initialBackoffMillis < 0 || maxBackoffMillis < initialBackoffMillis
                || maxBackoffMillis > Timeouts.MAX_MILLIS) {
            throw new IllegalArgumentException("restart backoff " + initialBackoffMillis + ".." + maxBackoffMillis
                    + " ms must satisfy 0 <= initialBackoffMillis <= maxBackoffMillis <= " + Timeouts.MAX_MILLIS);
        }
        if (!(multiplier >= 1 && multiplier <= MAX_MULTIPLIER)) {
            throw new IllegalArgumentException("restart.multiplier " + multiplier + " must be within 1.."
                    + MAX_MULTIPLIER);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("restart.jitter " + jitter + " must be within 0..1");
        }
    }

    /**
     * The delay before restart {@code attempt} (1 for the first), before jitter.
     *
     * @param attempt 1 or more
     */
    public long backoffMillis(int attempt) {
        double delay = initialBackoffMillis * Math.pow(multiplier, Math.max(0, attempt - 1));
        return (long) Math.min(maxBackoffMillis, delay);
    }

    /**
     * The delay with jitter applied.
     *
     * @param attempt 1 or more
     * @param random a value in [0, 1), such as from {@code ThreadLocalRandom}
     */
    public long jitteredBackoffMillis(int attempt, double random) {
        long base = backoffMillis(attempt);
        double moved = base * (1 + jitter * (2 * random - 1));
        return Math.max(0, Math.min(maxBackoffMillis, Math.round(moved)));
    }
}
