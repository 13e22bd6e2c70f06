package dev.patchbay.host.admin;

import java.util.Locale;
import java.util.Objects;

/**
 * One endpoint of the admin API.
 *
 * @param method the HTTP method, upper case, such as {@code GET}
 * @param pattern the path with parameters in braces, such as {@code /pipelines/{name}/pause} (see
 *        {@link PathPattern})
 * @param handler what answers it
 * @param write true when it changes something: it then always needs the bearer token
 */
public record Route(String method, PathPattern pattern, RouteHandler handler, boolean write) {

    public Route {
        Objects.requireNonNull(method, "method");
        if (method.isEmpty() || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("a route's method must be an upper-case word such as GET, got '"
                    + method + "'");
        }
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(handler, "handler");
    }

    /** A route that only reads: {@code GET pattern}. */
    public static Route read(String pattern, RouteHandler handler) {
        return new Route("GET", PathPattern.of(pattern), handler, false);
    }

    /** A route that changes something: {@code POST pattern}, always behind the token. */
    public static Route write(String pattern, RouteHandler handler) {
        return new Route("POST", PathPattern.of(pattern), handler, true);
    }

    /** A route with any method. */
    public static Route of(String method, String pattern, RouteHandler handler, boolean write) {
        return new Route(method.toUpperCase(Locale.ROOT), PathPattern.of(pattern), handler, write);
    }
}
