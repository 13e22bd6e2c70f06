package dev.patchbay.host.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks an answer of the admin API against the schema {@code openapi.json} documents for it: required members,
 * JSON types, nullability and enums, through {@code $ref} and {@code allOf}. A small subset of JSON Schema, enough
 * for the document as written.
 */
final class DocumentedJson {

    private final JsonNode document;

    private DocumentedJson(JsonNode document) {
        this.document = document;
    }

    static DocumentedJson load() {
        try (InputStream in = OpenApi.class.getResourceAsStream(OpenApi.RESOURCE)) {
            return new DocumentedJson(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What in {@code body} disagrees with the documented answer {@code status} of {@code method pattern}; empty when
     * it agrees.
     */
    List<String> problems(String method, String pattern, int status, JsonNode body) {
        JsonNode answer = resolve(document.path("paths").path(pattern).path(method.toLowerCase(Locale.ROOT))
                .path("responses").path(String.valueOf(status)));
        List<String> problems = new ArrayList<>();
        if (answer.isMissingNode()) {
            problems.add(method + " " + pattern + " does not document status " + status);
            return problems;
        }
        check(answer.path("content").path("application/json").path("schema"), body, "$", problems);
        return problems;
    }

    private void check(JsonNode schema, JsonNode value, String where, List<String> problems) {
        schema = resolve(schema);
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, where, problems);
        }
        if (value.isNull()) {
            if (schema.has("type") && !schema.path("nullable").asBoolean()) {
                problems.add(where + " is null but not nullable");
            }
            return;
        }
        String type = schema.path("type").asText("");
        boolean matches = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!matches) {
            problems.add(where + " is " + value.getNodeType() + ", documented " + type);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(where + " is " + value + ", not one of " + schema.get("enum"));
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(where + " lacks the required '" + required.asText() + "'");
            }
        }
        schema.path("properties").properties().forEach(property -> {
            if (value.has(property.getKey())) {
                check(property.getValue(), value.get(property.getKey()), where + "." + property.getKey(), problems);
            }
        });
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.path("items"), value.get(i), where + "[" + i + "]", problems);
            }
        }
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = document.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }
}
