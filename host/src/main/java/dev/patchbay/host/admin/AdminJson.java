package dev.patchbay.host.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The admin API's one place for JSON: rendering answers and errors, and reading request bodies strictly. */
public final class AdminJson {

    /** The content type of every JSON answer. */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    // Configured here once and never changed afterwards, which makes the shared mapper safe across threads.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"), Map.entry(413, "Payload Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(500, "Internal Server Error"),
            Map.entry(503, "Service Unavailable"));

    private AdminJson() {
    }

    /** {@code value} (a Jackson tree, a map, a list, a record) as UTF-8 JSON. */
    public static byte[] render(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot render " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The error body: {@code {"status": 404, "error": "Not Found", "message": "...", "closeMatches": [...]}}. */
    public static byte[] error(int status, String message, List<String> closeMatches) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", reason(status));
        body.put("message", message);
        body.put("closeMatches", closeMatches);
        return render(body);
    }

    /** The standard reason phrase of an error status, {@code Error} for one without a name here. */
    public static String reason(int status) {
        return REASONS.getOrDefault(status, "Error");
    }

    /** A new, empty object node for a route to fill. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * The body as a JSON object; empty when the body is empty or only white space.
     *
     * @throws AdminException 400 when it is not one well-formed JSON object
     */
    static Optional<ObjectNode> optionalObject(byte[] body, String what) {
        if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
            throw new AdminException(400, "the body of " + what + " is not well-formed JSON (" + detail
                    + "); send a JSON object such as {} or no body", e);
        }
        if (!node.isObject()) {
            throw new AdminException(400, "the body of " + what + " is " + describe(node)
                    + " but must be a JSON object; send a JSON object such as {} or no body");
        }
        return Optional.of((ObjectNode) node);
    }

    /** Parses an answer's body: a JSON value, or a text node holding the body when it is not JSON. */
    static JsonNode parseLenient(byte[] body) {
        try {
            return body.length == 0 ? MAPPER.missingNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            return MAPPER.getNodeFactory().textNode(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        } else if (node.isTextual()) {
            return "a string";
        } else if (node.isNumber()) {
            return "a number";
        } else if (node.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }
}
