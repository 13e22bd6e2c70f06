package dev.patchbay.host.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON document parsed into a Jackson tree together with the line and column of every value, keyed by
 * JSON path. Jackson's tree model forgets locations, so the tree is built here from the streaming parser.
 *
 * @param root the document's root value
 * @param locations where every value starts, and where the key of every object member starts
 * @param errors problems the tree cannot express, such as a key that appears twice
 * @param numbers every number as written in the file, keyed by JSON path, so that a message can quote
 *        {@code -0} or {@code 1e30} as the operator wrote it rather than as Jackson's tree prints it
 */
record LocatedJson(JsonNode root, ConfigLocations locations, List<ConfigError> errors, Map<String, String> numbers) {

    LocatedJson {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(locations, "locations");
        errors = List.copyOf(errors);
        numbers = Map.copyOf(numbers);
    }

    /**
     * Parses a document.
     *
     * @throws ConfigException if the text is not well-formed JSON; the single error names the path being
     *         read, the line and column, and Jackson's description of what was expected
     */
    static LocatedJson parse(Path file, String text) {
        JsonFactory factory = new JsonFactory();
        Builder builder = new Builder();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(file, List.of(new ConfigError(JsonPaths.ROOT, new Location(1, 1),
                        "the file is empty",
                        "write a JSON object such as {\"plugins\": {\"directory\": \"plugins\"}}")));
            }
            JsonNode root = builder.value(parser, JsonPaths.ROOT);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                Location at = location(parser.currentTokenLocation());
                throw new ConfigException(file, List.of(new ConfigError(JsonPaths.ROOT, at,
                        "unexpected content after the end of the top-level JSON value",
                        "remove everything after the closing brace of the top-level object")));
            }
            return new LocatedJson(root, new ConfigLocations(builder.locations, builder.keys), builder.errors,
                    builder.numbers);
        } catch (JsonProcessingException e) {
            Location at = e.getLocation() == null ? Location.UNKNOWN : location(e.getLocation());
            throw new ConfigException(file, List.of(new ConfigError(builder.currentPath, at,
                    "malformed JSON: " + withoutSourceDescription(e.getOriginalMessage()),
                    "correct the JSON syntax at this line and column; common causes are a missing or trailing "
                            + "comma, an unquoted key, single quotes or an unclosed bracket")), e);
        } catch (IOException e) {
            throw new ConfigException(file, List.of(new ConfigError(JsonPaths.ROOT, Location.UNKNOWN,
                    "cannot read the JSON text: " + e.getMessage(), "check that the file is readable UTF-8")), e);
        }
    }

    static Location location(JsonLocation location) {
        int line = Math.max(0, location.getLineNr());
        int column = Math.max(0, location.getColumnNr());
        return new Location(line, column);
    }

    /** Builds the tree; not thread-safe, used by one parse only. */
    private static final class Builder {

        private final Map<String, Location> locations = new HashMap<>();
        private final Map<String, Location> keys = new HashMap<>();
        private final List<ConfigError> errors = new ArrayList<>();
        private final Map<String, String> numbers = new HashMap<>();
        private String currentPath = JsonPaths.ROOT;

        JsonNode value(JsonParser parser, String path) throws IOException {
            currentPath = path;
            locations.put(path, location(parser.currentTokenLocation()));
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                numbers.put(path, parser.getText());
            }
            return switch (token) {
                case START_OBJECT -> object(parser, path);
                case START_ARRAY -> array(parser, path);
                case VALUE_STRING -> JsonNodeFactory.instance.textNode(parser.getText());
                case VALUE_NUMBER_INT -> JsonNodeFactory.instance.numberNode(parser.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT -> JsonNodeFactory.instance.numberNode(parser.getDoubleValue());
                case VALUE_TRUE -> JsonNodeFactory.instance.booleanNode(true);
                case VALUE_FALSE -> JsonNodeFactory.instance.booleanNode(false);
                case VALUE_NULL -> JsonNodeFactory.instance.nullNode();
                default -> throw new IllegalStateException("unexpected token " + token + " at " + path);
            };
        }

        private ObjectNode object(JsonParser parser, String path) throws IOException {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            Map<String, Location> seen = new HashMap<>();
            while (true) {
                currentPath = path;
                if (parser.nextToken() != JsonToken.FIELD_NAME) {
                    break;
                }
                String name = parser.currentName();
                Location keyAt = location(parser.currentTokenLocation());
                String child = JsonPaths.field(path, name);
                currentPath = child;
                parser.nextToken();
                Location first = seen.putIfAbsent(name, keyAt);
                if (first != null) {
                    errors.add(new ConfigError(child, keyAt, "key '" + name + "' appears twice in this object (first at line "
                            + first.line() + ", column " + first.column() + ")",
                            "keep only one '" + name + "' entry"));
                    value(parser, child + "#duplicate");
                    continue;
                }
                keys.put(child, keyAt);
                node.set(name, value(parser, child));
            }
            currentPath = path;
            return node;
        }

        private ArrayNode array(JsonParser parser, String path) throws IOException {
            ArrayNode node = JsonNodeFactory.instance.arrayNode();
            int index = 0;
            while (true) {
                currentPath = JsonPaths.index(path, index);
                if (parser.nextToken() == JsonToken.END_ARRAY) {
                    break;
                }
                node.add(value(parser, JsonPaths.index(path, index++)));
            }
            currentPath = path;
            return node;
        }
    }

    // Jackson names the input ("[Source: REDACTED (...); line: 2, column: 14]") inside some messages; the
    // operator already knows the file, so only the line and column are kept.
    private static String withoutSourceDescription(String message) {
        return message == null ? "" : message.replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]",
                "line $1, column $2");
    }
}
