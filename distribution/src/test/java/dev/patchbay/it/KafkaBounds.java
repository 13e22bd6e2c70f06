package dev.patchbay.it;

import java.util.List;

/**
 * The pipeline and consumer settings the Kafka scenarios share, and README's bound on what one host can deliver
 * twice ("Delivery guarantee"): the records of one {@code commitIntervalMillis}, plus one batch and one poll. A
 * Kafka source's poll is at most {@code max.poll.records} messages. Records per interval have no bound of their
 * own, so the pipelines run at a rate limit, which bounds them: {@code maxRecordsPerSecond} per interval second,
 * plus the one second of credit the limiter may give after a stall (as KillBoundIT counts it).
 */
final class KafkaBounds {

    static final long RATE = 50_000;
    static final long INTERVAL_MILLIS = 1_000;
    static final long BATCH = 500;
    static final long MAX_POLL_RECORDS = 500;
    /** The broker's group.min.session.timeout.ms is 6000: the lowest a member may ask for. */
    static final long SESSION_TIMEOUT_MILLIS = 6_000;

    /**
     * Consumer properties: a short session, so a killed member is noticed in 6 s, with heartbeats every second
     * (a third of it, as Kafka advises), and polls of at most {@value #MAX_POLL_RECORDS} messages.
     */
    static final List<String> PROPERTIES = List.of("\"session.timeout.ms\": " + SESSION_TIMEOUT_MILLIS,
            "\"heartbeat.interval.ms\": 1000", "\"max.poll.records\": " + MAX_POLL_RECORDS);

    /** The pipeline keys after its sink. */
    static final String PIPELINE = pipeline(RATE);

    private KafkaBounds() {
    }

    static String pipeline(long rate) {
        return ", \"batchSize\": %d, \"lingerMillis\": 20, \"queueCapacity\": 2000, \"commitIntervalMillis\": %d,"
                .formatted(BATCH, INTERVAL_MILLIS) + " \"maxRecordsPerSecond\": " + rate;
    }

    /** README's bound for one host at {@link #RATE}. */
    static long perHost() {
        return perHost(RATE);
    }

    static long perHost(long rate) {
        return rate * (INTERVAL_MILLIS / 1000 + 1) + BATCH + MAX_POLL_RECORDS;
    }
}
