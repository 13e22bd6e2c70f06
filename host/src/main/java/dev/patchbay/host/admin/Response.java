package dev.patchbay.host.admin;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** A route's answer: a status, a content type, the body's bytes and any headers of its own. Immutable. */
public final class Response {

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]+");

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;

    /**
     * @param status an HTTP status, 200 to 599
     * @param contentType the body's media type, such as {@link AdminJson#CONTENT_TYPE}
     * @param body the body, copied
     */
    public Response(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    private Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("a response status must be 200..599, got " + status);
        }
        this.status = status;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.body = Objects.requireNonNull(body, "body").clone();
        this.headers = headers;
    }

    /**
     * This response with one more header, such as {@code Content-Security-Policy}; the server still sets
     * {@code Content-Type} from {@link #contentType()}, so that header cannot be given here.
     *
     * @throws IllegalArgumentException when the name is not a header name, is {@code Content-Type} or
     *         {@code Content-Length}, or the value holds CR, LF or another control character
     */
    public Response withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!HEADER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a header name; write letters, digits and '-'");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("content-type") || lower.equals("content-length")) {
            throw new IllegalArgumentException("the header '" + name + "' is set by the response's content type and "
                    + "body; pass the content type to the constructor instead");
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw new IllegalArgumentException("the value of the header '" + name + "' holds CR, LF or another "
                    + "control character, which would split the answer; remove it");
        }
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, Collections.unmodifiableMap(more));
    }

    /** 200 with {@code value} rendered as JSON. */
    public static Response json(Object value) {
        return json(200, value);
    }

    /** {@code status} with {@code value} rendered as JSON. */
    public static Response json(int status, Object value) {
        return new Response(status, AdminJson.CONTENT_TYPE, AdminJson.render(value));
    }

    /** 200 with plain UTF-8 text, such as the Prometheus exposition format. */
    public static Response text(String contentType, String text) {
        return new Response(200, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    static Response error(int status, String message, java.util.List<String> closeMatches) {
        return new Response(status, AdminJson.CONTENT_TYPE, AdminJson.error(status, message, closeMatches));
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** The headers of this response's own, in the order given; empty for most routes. */
    public Map<String, String> headers() {
        return headers;
    }

    int length() {
        return body.length;
    }

    void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(body);
    }
}
