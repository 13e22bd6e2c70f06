package dev.patchbay.host.admin;

import java.util.Map;
import java.util.Properties;

/**
 * The JDK HTTP server's request timeouts and socket option. It reads them from system properties once per JVM, when
 * the first server class initialises, so they cannot be set per server: this sets each one only when it is absent
 * (an operator's {@code -D} or a test's value stands) and must run before the first {@code HttpServer} is created.
 *
 * <ul>
 *   <li>{@value #MAX_REQ_TIME} ({@value #DEFAULT_MAX_REQ_SECONDS} s): the request line, the headers and the body must
 *       arrive within it, or the connection is closed (a slow or silent client cannot hold a worker);</li>
 *   <li>{@value #MAX_RSP_TIME} ({@value #DEFAULT_MAX_RSP_SECONDS} s): the same for sending the answer;</li>
 *   <li>{@value #IDLE_INTERVAL} ({@value #DEFAULT_IDLE_SECONDS} s): an idle keep-alive connection is closed;</li>
 *   <li>{@value #NO_DELAY} (true): TCP_NODELAY on accepted sockets. The server writes the headers and the body of
 *       an answer separately, and without it Nagle's algorithm holds the body until the client's delayed ACK of the
 *       headers: about 40 ms per request on Linux (measured: a GET took 44 ms at the median, 1.8 ms with it).</li>
 *   <li>{@value #DRAIN_AMOUNT} ({@value #DEFAULT_DRAIN_BYTES} bytes): after an answer is sent, how much of a request
 *       body the handler did not read is read and dropped before the connection is closed. The JDK's 64 KiB made a
 *       client still sending a refused body of 100 KB see a broken pipe instead of its 413, about one time in
 *       three; 1 MiB lets such a client read the answer, and a body larger still is cut off as before.</li>
 * </ul>
 * The JDK checks the deadlines once a second, so a connection is cut at most a second after its deadline.
 */
final class JdkServerProperties {

    static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
    static final String MAX_RSP_TIME = "sun.net.httpserver.maxRspTime";
    static final String IDLE_INTERVAL = "sun.net.httpserver.idleInterval";
    static final String NO_DELAY = "sun.net.httpserver.nodelay";
    static final String DRAIN_AMOUNT = "sun.net.httpserver.drainAmount";
    static final long DEFAULT_DRAIN_BYTES = 1024 * 1024;
    static final long DEFAULT_MAX_REQ_SECONDS = 10;
    static final long DEFAULT_MAX_RSP_SECONDS = 30;
    static final long DEFAULT_IDLE_SECONDS = 30;

    private static final Map<String, String> DEFAULTS = Map.of(MAX_REQ_TIME, Long.toString(DEFAULT_MAX_REQ_SECONDS),
            MAX_RSP_TIME, Long.toString(DEFAULT_MAX_RSP_SECONDS), IDLE_INTERVAL, Long.toString(DEFAULT_IDLE_SECONDS),
            NO_DELAY, "true", DRAIN_AMOUNT, Long.toString(DEFAULT_DRAIN_BYTES));

    private JdkServerProperties() {
    }

    /** Sets each absent property in {@code properties} to its default; leaves present ones alone. */
    static void applyDefaults(Properties properties) {
        synchronized (properties) {
            DEFAULTS.forEach((name, value) -> {
                if (properties.getProperty(name) == null) {
                    properties.setProperty(name, value);
                }
            });
        }
    }

    /** The request deadline in effect in {@code properties}, in seconds; the default when unset or not a number. */
    static long requestSeconds(Properties properties) {
        try {
            return Long.parseLong(properties.getProperty(MAX_REQ_TIME, Long.toString(DEFAULT_MAX_REQ_SECONDS)));
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_REQ_SECONDS;
        }
    }
}
