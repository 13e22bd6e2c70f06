package dev.patchbay.host.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.host.config.AdminSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Talks to the host running on a home: finds its port in {@code <state>/admin.port}, reads the token from the token
 * file, and sends requests with the bearer token. For the CLI's {@code status}, {@code pipelines ...} and
 * {@code shutdown}.
 */
public final class AdminClient {

    private final Path home;
    private final AdminSettings settings;
    private final Path portFile;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final HttpClient http;

    /**
     * @param home the Patchbay home, for messages
     * @param settings the admin settings (host and token file)
     * @param stateDirectory where the host wrote {@value AdminServer#PORT_FILE}
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout how long to wait for each answer
     */
    public AdminClient(Path home, AdminSettings settings, Path stateDirectory, Duration connectTimeout,
            Duration requestTimeout) {
        this.home = Objects.requireNonNull(home, "home");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.portFile = stateDirectory.resolve(AdminServer.PORT_FILE);
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code GET path}. */
    public AdminReply get(String path) throws NoHostRunningException, IOException, InterruptedException {
        return send("GET", path, Optional.empty());
    }

    /** {@code POST path}, with {@code body} as JSON when present. */
    public AdminReply post(String path, Optional<JsonNode> body)
            throws NoHostRunningException, IOException, InterruptedException {
        return send("POST", path, body.map(AdminJson::render));
    }

    private AdminReply send(String method, String path, Optional<byte[]> body)
            throws NoHostRunningException, IOException, InterruptedException {
        int port = port();
        String token = token(port);
        URI uri = URI.create("http://" + hostForUrl(connectHost()) + ":" + port + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body.isPresent()) {
            request.header("Content-Type", AdminJson.CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body.get()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw nothingListens(port, e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException("the Patchbay host on " + home + " (port " + port + ") did not answer " + method
                    + " " + path + " within " + requestTimeout.toMillis() + " ms; it may be overloaded or stuck", e);
        }
        return new AdminReply(response.statusCode(), AdminJson.parseLenient(response.body()));
    }

    private int port() throws NoHostRunningException, IOException {
        String text;
        try {
            text = Files.readString(portFile, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new NoHostRunningException("no Patchbay host is running on " + home + " (no " + portFile
                    + "); start one with patchbay serve", e);
        }
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= AdminSettings.MAX_PORT) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IOException("the port file " + portFile + " holds '" + text + "', which is not a port; delete it "
                + "if no host is running, or restart the host");
    }

    private NoHostRunningException nothingListens(int port, Exception cause) {
        return new NoHostRunningException("no Patchbay host is running on " + home + " (nothing listens on port "
                + port + " named by " + portFile + "); start one with patchbay serve", cause);
    }

    /** The token; without a token file, a port where nothing listens still means no host runs (a stale port file). */
    private String token(int port) throws IOException, NoHostRunningException {
        try {
            return AdminToken.read(settings.tokenFile()).value();
        } catch (NoSuchFileException e) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(connectHost(), port), (int) connectTimeout.toMillis());
            } catch (ConnectException refused) {
                refused.addSuppressed(e);
                throw nothingListens(port, refused);
            }
            throw new IOException("a host is registered in " + portFile + " but its token file "
                    + settings.tokenFile() + " does not exist; check admin.tokenFile (or "
                    + AdminSettings.ENV_TOKEN_FILE + ") is the host's", e);
        }
    }

    // A host bound to every interface is reached on loopback from this machine.
    private String connectHost() throws IOException {
        InetAddress address = InetAddress.getByName(settings.host());
        return address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : settings.host();
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
