package dev.patchbay.host.admin;

import java.util.Map;
import java.util.Properties;

/**
 * The JDK HTTP server's request timeouts. It reads them from system properties once per JVM, when the first server
 * class initialises, so they cannot be set per server: this sets each one only when it is absent (an operator's
 * {@code -D} or a test's value stands) and must run before the first {@code HttpServer} is created.
 *
 * <ul>
 *   <li>{@value #MAX_REQ_TIME} ({@value #DEFAULT_MAX_REQ_SECONDS} s): the request line, the headers and the body must
 *       arrive within it, or the connection is closed (a slow or silent client cannot hold a worker);</li>
 *   <li>{@value #MAX_RSP_TIME} ({@value #DEFAULT_MAX_RSP_SECONDS} s): the same for sending the answer;</li>
 *   <li>{@value #IDLE_INTERVAL} ({@value #DEFAULT_IDLE_SECONDS} s): an idle keep-alive connection is closed.</li>
 * </ul>
 * The JDK checks them once a second, so a connection is cut at most a second after its deadline.
 */
final class JdkServerTimeouts {

    static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
    static final String MAX_RSP_TIME = "sun.net.httpserver.maxRspTime";
    static final String IDLE_INTERVAL = "sun.net.httpserver.idleInterval";
    static final long DEFAULT_MAX_REQ_SECONDS = 10;
    static final long DEFAULT_MAX_RSP_SECONDS = 30;
    static final long DEFAULT_IDLE_SECONDS = 30;

    private static final Map<String, Long> DEFAULTS = Map.of(MAX_REQ_TIME, DEFAULT_MAX_REQ_SECONDS, MAX_RSP_TIME,
            DEFAULT_MAX_RSP_SECONDS, IDLE_INTERVAL, DEFAULT_IDLE_SECONDS);

    private JdkServerTimeouts() {
    }

    /** Sets each absent timeout in {@code properties} to its default; leaves present ones alone. */
    static void applyDefaults(Properties properties) {
        synchronized (properties) {
            DEFAULTS.forEach((name, seconds) -> {
                if (properties.getProperty(name) == null) {
                    properties.setProperty(name, Long.toString(seconds));
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
