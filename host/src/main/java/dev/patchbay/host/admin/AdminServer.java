package dev.patchbay.host.admin;

import com.sun.net.httpserver.HttpServer;
import dev.patchbay.host.config.AdminSettings;
import dev.patchbay.host.config.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP server: binds {@code admin.host:admin.port}, writes the port it got to {@code <state>/admin.port}
 * and answers the given routes on its own bounded threads (see {@link AdminExecutor}), with the JDK server's
 * request timeouts (see {@link JdkServerProperties}). Writes always need the bearer token, reads too when the address
 * is not loopback. {@link #close()} stops it, deletes {@code admin.port} and stops its threads.
 */
public final class AdminServer implements AutoCloseable {

    /** The largest request body accepted: 64 KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** The file, in the state directory, that tells clients the port. */
    public static final String PORT_FILE = "admin.port";

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final long THREAD_STOP_MILLIS = 5_000;

    private final HttpServer server;
    private final AdminExecutor executor;
    private final Path portFile;
    private final AdminLimits limits;
    private final boolean loopback;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AdminServer(HttpServer server, AdminExecutor executor, Path portFile, AdminLimits limits,
            boolean loopback) {
        this.server = server;
        this.executor = executor;
        this.portFile = portFile;
        this.limits = limits;
        this.loopback = loopback;
    }

    /**
     * Starts a server with the default limits.
     *
     * @throws IOException naming the address and the settings to change when it cannot bind or write the port file
     */
    public static AdminServer start(AdminSettings settings, Path stateDirectory, AdminToken token, List<Route> routes)
            throws IOException {
        return start(settings, stateDirectory, token, routes, AdminLimits.DEFAULT);
    }

    /**
     * Starts a server.
     *
     * @param settings where to listen
     * @param stateDirectory where {@value #PORT_FILE} is written
     * @param token the bearer token requests must carry
     * @param routes the endpoints
     * @param limits threads, queue and stop delay
     * @throws IOException naming the address and the settings to change when it cannot bind or write the port file
     */
    public static AdminServer start(AdminSettings settings, Path stateDirectory, AdminToken token, List<Route> routes,
            AdminLimits limits) throws IOException {
        Objects.requireNonNull(token, "token");
        Router router = new Router(routes);
        InetSocketAddress address = address(settings);
        JdkServerProperties.applyDefaults(System.getProperties());
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new IOException("the admin API cannot listen on " + settings.host() + ":" + settings.port() + " ("
                    + e + "); another process may hold the port: set admin.port (or " + AdminSettings.ENV_PORT
                    + ") to a free port, or 0 for any", e);
        }
        boolean loopback = address.getAddress().isLoopbackAddress();
        AdminExecutor executor = new AdminExecutor(limits);
        server.setExecutor(executor);
        server.createContext("/", new AdminDispatch(router, token, !loopback, executor, MAX_BODY_BYTES));
        server.start();
        Path portFile = stateDirectory.resolve(PORT_FILE);
        AdminServer started = new AdminServer(server, executor, portFile, limits, loopback);
        int port = server.getAddress().getPort();
        try {
            new AtomicFiles().write(portFile, (port + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            started.stop();
            throw e;
        }
        LOG.info("Admin API listening on http://{}:{} (port written to {}){}", hostForUrl(settings.host()), port,
                portFile, loopback ? "" : "; every request needs the token, since the address is not loopback");
        return started;
    }

    /** The port the server listens on (the chosen one when the settings asked for 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Whether the server is bound to a loopback address (then reads need no token). */
    public boolean loopback() {
        return loopback;
    }

    /** Where the port was written. */
    public Path portFile() {
        return portFile;
    }

    /** Whether every thread of the server has ended (true after {@link #close()}). */
    public boolean threadsStopped() {
        return executor.terminated();
    }

    /**
     * Stops accepting, lets exchanges in progress finish for the stop delay, deletes the port file and stops the
     * threads. A second call does nothing.
     *
     * @throws UncheckedIOException when the port file cannot be deleted (the server is stopped nonetheless)
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop();
        try {
            Files.deleteIfExists(portFile);
        } catch (IOException e) {
            throw new UncheckedIOException("the admin API stopped but its port file " + portFile + " could not be "
                    + "deleted (" + e + "); delete it by hand, or clients will look for a host that is gone", e);
        }
        LOG.info("Admin API stopped");
    }

    private void stop() {
        server.stop((int) limits.stopDelay().toSeconds());
        try {
            executor.shutdown(THREAD_STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while the admin API threads were stopping; they were interrupted in turn");
        }
    }

    private static InetSocketAddress address(AdminSettings settings) throws IOException {
        try {
            return new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port());
        } catch (UnknownHostException e) {
            throw new IOException("the admin host '" + settings.host() + "' is not a known name or address; set "
                    + "admin.host (or " + AdminSettings.ENV_HOST + ") to an address such as "
                    + AdminSettings.DEFAULT_HOST, e);
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
