package dev.patchbay.host.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the admin API described as an OpenAPI 3.0 document, kept beside this class as the
 * resource {@value #RESOURCE} and served as written. {@code OpenApiTest} holds it to the real routes.
 */
public final class OpenApi {

    /** The document, on the class path next to this class. */
    public static final String RESOURCE = "openapi.json";

    private OpenApi() {
    }

    /**
     * The route; the document is read once, when the route is made.
     *
     * @throws UncheckedIOException when the host jar lacks the resource (a broken build)
     */
    public static Route route() {
        Response response = new Response(200, AdminJson.CONTENT_TYPE, document());
        return Route.read("/openapi.json", request -> response);
    }

    private static byte[] document() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the resource " + RESOURCE + " is missing next to " + OpenApi.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the admin API's OpenAPI document cannot be read: " + e.getMessage()
                    + "; the host jar is incomplete, reinstall Patchbay", e);
        }
    }
}
