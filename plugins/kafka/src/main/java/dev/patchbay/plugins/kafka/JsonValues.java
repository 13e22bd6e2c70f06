package dev.patchbay.plugins.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.patchbay.api.Row;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads JSON message values and keys into record values with jackson-core's streaming parser, the mapping the
 * files plugin's JSON Lines source uses: object to {@link Row} (keys in order, each key once), array to a list,
 * integer that fits in a long to Long, any other number to a finite Double, string, boolean, null. Strict: one
 * value per message, nothing after it, nesting at most {@value #MAX_DEPTH} deep. Thread-safe.
 */
final class JsonValues {

    static final int MAX_DEPTH = 512;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private JsonValues() {
    }

    /** Why a message's bytes are not the JSON this source accepts, in one sentence. */
    static final class MalformedJson extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedJson(String message, Throwable cause) {
            super(message, cause);
        }

        MalformedJson(String message) {
            super(message);
        }
    }

    /** Parses bytes that must hold one JSON object. */
    static Row object(byte[] bytes) throws MalformedJson {
        Object value = value(bytes);
        if (!(value instanceof Row row)) {
            throw new MalformedJson("expected a JSON object but found " + describe(value));
        }
        return row;
    }

    /** Parses bytes that must hold one JSON value of any kind. */
    static Object value(byte[] bytes) throws MalformedJson {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedJson("the text is empty; expected a JSON value");
            }
            Object value = read(parser, first);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new MalformedJson("unexpected " + after.asString() + " after the JSON value at column "
                        + parser.currentLocation().getColumnNr() + "; a message holds one JSON value");
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw new MalformedJson("the JSON value nests deeper than " + MAX_DEPTH + " levels", e);
        } catch (JsonParseException e) {
            throw new MalformedJson("malformed JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr(), e);
        } catch (IOException e) {
            throw new MalformedJson("unreadable JSON: " + e.getMessage(), e);
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException, MalformedJson {
        switch (token) {
            case START_OBJECT: {
                Row.Builder row = Row.builder();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    row.set(name, read(parser, parser.nextToken()));
                }
                return row.build();
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    list.add(read(parser, next));
                }
                return Collections.unmodifiableList(list);
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                if (parser.getNumberType() == JsonParser.NumberType.INT
                        || parser.getNumberType() == JsonParser.NumberType.LONG) {
                    return parser.getLongValue();
                }
                return finite(parser);
            case VALUE_NUMBER_FLOAT:
                return finite(parser);
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new MalformedJson("unexpected " + token + " in JSON");
        }
    }

    private static Double finite(JsonParser parser) throws IOException, MalformedJson {
        double value = parser.getDoubleValue();
        if (Double.isInfinite(value)) {
            throw new MalformedJson("number " + parser.getText() + " is outside the range of a double");
        }
        return value;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "a number";
    }
}
