package dev.patchbay.host.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The web console: one page at {@code GET /} with its script and stylesheet under {@code /console/}, read from the
 * host jar. The files are a fixed list, so no request path can name any other file; anything else under
 * {@code /console/} is the router's JSON 404. Every answer carries a Content-Security-Policy that lets the page load
 * and connect to nothing but this server, and run no inline script.
 */
public final class ConsoleRoutes {

    /** The policy of every console file: only this origin, no inline code, no framing. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String FOLDER = "console/";

    private ConsoleRoutes() {
    }

    /**
     * The console's read routes, each file read from the jar once, now.
     *
     * @throws IllegalStateException naming the file when the jar lacks one (a broken build)
     */
    public static List<Route> routes() {
        return List.of(
                file("/", "index.html", "text/html; charset=utf-8"),
                file("/console/console.js", "console.js", "text/javascript; charset=utf-8"),
                file("/console/console.css", "console.css", "text/css; charset=utf-8"));
    }

    private static Route file(String path, String name, String contentType) {
        Response response = new Response(200, contentType, read(name))
                .withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        return Route.read(path, request -> response);
    }

    private static byte[] read(String name) {
        String resource = "dev/patchbay/host/admin/" + FOLDER + name;
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("the host jar has no web console file " + resource
                        + "; rebuild the host (mvn -pl host package) so that its resources are packaged");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the web console file " + resource + " in the host jar cannot be read ("
                    + e + "); rebuild the host", e);
        }
    }
}
