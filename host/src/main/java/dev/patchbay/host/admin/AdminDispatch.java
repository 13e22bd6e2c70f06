package dev.patchbay.host.admin;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of the admin server: overload, routing, authentication, the body limit, then the route; every
 * refusal is a JSON error, and an unexpected exception of a route is a logged 500 that leaves the server up.
 */
final class AdminDispatch implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AdminDispatch.class);

    private final Router router;
    private final AdminToken token;
    private final boolean readsNeedToken;
    private final AdminExecutor executor;
    private final BodyReader bodies;

    AdminDispatch(Router router, AdminToken token, boolean readsNeedToken, AdminExecutor executor, int maxBody) {
        this.router = router;
        this.token = token;
        this.readsNeedToken = readsNeedToken;
        this.executor = executor;
        this.bodies = new BodyReader(maxBody);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        String what = method + " " + rawPath;
        Response response;
        try {
            response = answer(exchange, method, rawPath, what);
        } catch (AdminException e) {
            if (e.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"patchbay\"");
            }
            response = Response.error(e.status(), e.getMessage(), e.closeMatches());
        } catch (RouteFailure e) {
            LOG.error("Admin API: the route for {} failed", what, e.getCause());
            response = Response.error(500, "the admin API failed to answer " + what + ": " + e.getCause()
                    + "; the host log has the details", List.of());
        } catch (IOException e) {
            LOG.debug("Admin API: {} failed while the request was read: {}", what, e.toString());
            exchange.close();
            return;
        } catch (RuntimeException e) {
            LOG.error("Admin API: {} failed", what, e);
            response = Response.error(500, "the admin API failed to answer " + what + ": " + e
                    + "; the host log has the details", List.of());
        }
        send(exchange, response);
    }

    private Response answer(HttpExchange exchange, String method, String rawPath, String what) throws IOException {
        if (executor.overloaded()) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            throw new AdminException(503, "the admin API is busy with other requests; retry " + what
                    + " in a moment");
        }
        Router.Resolution resolution = router.resolve(method, rawPath);
        if (resolution.route().isEmpty()) {
            exchange.getResponseHeaders().set("Allow", String.join(", ", resolution.allowed()));
            throw new AdminException(405, "the admin endpoint " + Router.quote(rawPath) + " does not take " + method
                    + "; it takes " + String.join(", ", resolution.allowed()));
        }
        Route route = resolution.route().get();
        if ((route.write() || readsNeedToken) && !token.accepts(authorization(exchange.getRequestHeaders()))) {
            throw new AdminException(401, what + " needs the admin token: send the header 'Authorization: Bearer "
                    + "<token>' with the token from the host's admin.tokenFile");
        }
        bodies.checkDeclared(exchange.getRequestHeaders(), what);
        byte[] body = bodies.read(exchange.getRequestBody(), what);
        Request request = new Request(method, rawPath, resolution.parameters(),
                query(exchange.getRequestURI().getRawQuery()), headers(exchange.getRequestHeaders()), body);
        try {
            return route.handler().handle(request);
        } catch (AdminException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RouteFailure(e);
        } catch (Exception e) {
            throw new RouteFailure(e);
        }
    }

    /** An exception of a route's own code, carried past the reading of the request to be answered 500. */
    private static final class RouteFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RouteFailure(Exception cause) {
            super(cause);
        }
    }

    private static Optional<String> authorization(Headers headers) {
        List<String> values = headers.get("Authorization");
        // Two Authorization headers are ambiguous: refuse rather than pick one.
        return values == null || values.size() != 1 ? Optional.empty() : Optional.of(values.get(0));
    }

    private static Map<String, String> headers(Headers headers) {
        Map<String, String> first = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (!key.equals("authorization") && !values.isEmpty()) {
                first.putIfAbsent(key, values.get(0));
            }
        });
        return first;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                query.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new AdminException(400, "the query parameter " + Router.quote(pair)
                        + " is not correctly percent-encoded", e);
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        response.headers().forEach(headers::set);
        try (exchange) {
            exchange.sendResponseHeaders(response.status(), response.length() == 0 ? -1 : response.length());
            if (response.length() > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    response.writeTo(out);
                }
            }
        }
    }
}
