package dev.patchbay.host.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request as a route sees it, after routing, authentication and the size limit. Immutable. The
 * {@code Authorization} header is not among its headers: no route needs the token.
 */
public final class Request {

    private final String method;
    private final String path;
    private final Map<String, String> parameters;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final byte[] body;

    /**
     * @param method the HTTP method
     * @param path the path as sent
     * @param parameters the path parameters by name, each matching {@link PathPattern#PARAMETER}
     * @param query the query parameters, decoded; the first value of each
     * @param headers the headers by lower-case name; the first value of each
     * @param body the body, at most {@link AdminServer#MAX_BODY_BYTES}
     */
    public Request(String method, String path, Map<String, String> parameters, Map<String, String> query,
            Map<String, String> headers, byte[] body) {
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.parameters = Map.copyOf(parameters);
        this.query = Map.copyOf(query);
        this.headers = Map.copyOf(headers);
        this.body = Objects.requireNonNull(body, "body").clone();
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /**
     * A path parameter of the route's pattern.
     *
     * @throws IllegalArgumentException when the pattern has no parameter of that name (a mistake in the route)
     */
    public String parameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route for " + path + " has no path parameter {" + name
                    + "}; it has " + parameters.keySet());
        }
        return value;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body as a JSON object, for routes that take optional JSON: empty when there is no body.
     *
     * @throws AdminException 400 when the body is not one well-formed JSON object
     */
    public Optional<ObjectNode> jsonObject() {
        return AdminJson.optionalObject(body, method + " " + path);
    }
}
