package dev.patchbay.host.admin;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A route's answer: a status, a content type and the body's bytes. Immutable. */
public final class Response {

    private final int status;
    private final String contentType;
    private final byte[] body;

    /**
     * @param status an HTTP status, 200 to 599
     * @param contentType the body's media type, such as {@link AdminJson#CONTENT_TYPE}
     * @param body the body, copied
     */
    public Response(int status, String contentType, byte[] body) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("a response status must be 200..599, got " + status);
        }
        this.status = status;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.body = Objects.requireNonNull(body, "body").clone();
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

    int length() {
        return body.length;
    }

    void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(body);
    }
}
