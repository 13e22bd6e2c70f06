package dev.patchbay.host.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the route of a request path, before any handler runs. Paths are matched as sent, never decoded: a
 * {@code %}, a {@code .} or {@code ..} segment or any character outside {@code A-Z a-z 0-9 . _ - ~} is a 400, so
 * that no encoding can smuggle a slash, a NUL or a traversal into a parameter. An unknown path is a 404, a known
 * path with another method a 405 that lists the allowed ones.
 */
final class Router {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~@-]*");
    private static final int QUOTED = 64;

    private final List<Route> routes;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Set<String> seen = new LinkedHashSet<>();
        for (Route route : this.routes) {
            if (!seen.add(route.method() + " " + route.pattern())) {
                throw new IllegalArgumentException("two admin routes for " + route.method() + " " + route.pattern()
                        + "; remove one");
            }
        }
    }

    /**
     * The route for {@code method} and {@code rawPath}, or the methods the path allows when none is for this
     * method.
     *
     * @throws AdminException 400 for a malformed path or parameter, 404 for a path no route has
     */
    Resolution resolve(String method, String rawPath) {
        List<String> segments = segments(rawPath);
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.pattern().match(segments);
            if (parameters.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, String> parameter : parameters.get().entrySet()) {
                checkParameter(route, parameter.getKey(), parameter.getValue());
            }
            if (route.method().equals(method)) {
                return new Resolution(Optional.of(route), parameters.get(), List.of());
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw new AdminException(404, "there is no admin endpoint " + quote(rawPath)
                    + "; see GET /openapi.json for the endpoints");
        }
        return new Resolution(Optional.empty(), Map.of(), List.copyOf(allowed));
    }

    private static List<String> segments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw new AdminException(400, "the path " + quote(String.valueOf(rawPath)) + " does not start with '/'");
        }
        List<String> segments = new ArrayList<>();
        if (rawPath.equals("/")) {
            return segments;
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new AdminException(400, "the path " + quote(rawPath) + " has a '" + segment
                        + "' segment; paths name endpoints directly, without relative segments");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw new AdminException(400, "the path " + quote(rawPath) + " has characters that are not allowed "
                        + "(percent-encoded or outside A-Z a-z 0-9 . _ - ~ @); names and ids never need them");
            }
            segments.add(segment);
        }
        return segments;
    }

    private static void checkParameter(Route route, String name, String value) {
        if (!PathPattern.PARAMETER.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new AdminException(400, "the " + name + " " + quote(value) + " in " + route.pattern()
                    + " is not valid; write 1 to 128 of the characters A-Z a-z 0-9 . _ - @");
        }
    }

    /** A value for a message: quoted, and cut after {@value #QUOTED} characters. */
    static String quote(String value) {
        String shown = value.length() <= QUOTED ? value : value.substring(0, QUOTED) + "... ("
                + value.length() + " characters)";
        return "'" + shown + "'";
    }

    /**
     * What the router found.
     *
     * @param route the route, empty when the path has routes for other methods only
     * @param parameters its path parameters
     * @param allowed the methods of the path's routes when {@code route} is empty
     */
    record Resolution(Optional<Route> route, Map<String, String> parameters, List<String> allowed) {

        Resolution {
            Objects.requireNonNull(route, "route");
            parameters = Map.copyOf(parameters);
            allowed = List.copyOf(allowed);
        }
    }
}
