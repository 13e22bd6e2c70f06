package dev.patchbay.host.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where each value of a JSON text lies, as character offsets into the text, read from Jackson's token
 * locations: enough for {@link ConfigEditor} to replace one value, or insert one member, and leave every
 * other character as it was. Objects and arrays are walked to the depth asked for; deeper values are only
 * spanned.
 */
final class JsonSpans {

    /** A value from {@code start} (inclusive) to {@code end} (exclusive); members or elements when walked. */
    record Value(int start, int end, JsonToken kind, String text, List<Member> members, List<Value> elements) {

        Value {
            Objects.requireNonNull(kind, "kind");
            members = List.copyOf(members);
            elements = List.copyOf(elements);
        }

        Optional<Member> member(String name) {
            return members.stream().filter(m -> m.name().equals(name)).findFirst();
        }

        boolean isObject() {
            return kind == JsonToken.START_OBJECT;
        }

        boolean isArray() {
            return kind == JsonToken.START_ARRAY;
        }
    }

    /** An object member: its key from {@code keyStart} to {@code keyEnd} (the quotes included), and its value. */
    record Member(String name, int keyStart, int keyEnd, Value value) {
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonSpans() {
    }

    /**
     * Spans the top-level value of {@code text}, walking objects and arrays {@code depth} levels deep.
     *
     * @throws IllegalArgumentException if the text is not one JSON value (the caller validates it first)
     */
    static Value parse(String text, int depth) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("no JSON value in the text");
            }
            return value(parser, text, depth);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot locate the values of a JSON text that passed validation", e);
        }
    }

    private static Value value(JsonParser parser, String text, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        int start = offset(parser);
        List<Member> members = new ArrayList<>();
        List<Value> elements = new ArrayList<>();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            if (depth == 0) {
                parser.skipChildren();
            } else if (token == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    int keyStart = offset(parser);
                    int keyEnd = stringEnd(text, keyStart);
                    parser.nextToken();
                    members.add(new Member(name, keyStart, keyEnd, value(parser, text, depth - 1)));
                }
            } else {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(value(parser, text, depth - 1));
                }
            }
            return new Value(start, offset(parser) + 1, token, null, members, elements);
        }
        String scalar = parser.getText();
        int end = token == JsonToken.VALUE_STRING ? stringEnd(text, start) : start + scalar.length();
        return new Value(start, end, token, token == JsonToken.VALUE_STRING ? scalar : null, members, elements);
    }

    private static int offset(JsonParser parser) {
        return (int) parser.currentTokenLocation().getCharOffset();
    }

    /** The offset just after the string literal that opens at {@code quote}. */
    private static int stringEnd(String text, int quote) {
        if (text.charAt(quote) != '"') {
            throw new IllegalStateException("expected a string literal at offset " + quote);
        }
        for (int i = quote + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        throw new IllegalStateException("unterminated string literal at offset " + quote);
    }
}
