package dev.patchbay.samples.bundledlib;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.patchbay.api.Emitter;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Processor;
import dev.patchbay.api.Row;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parses JSON text into record values: object to nested record, array to list, string, integer to long,
 * other numbers to double, boolean and null. A record whose field is absent or null passes through with
 * only the version field added; a non-string value or invalid JSON fails the record, naming the field.
 */
final class JsonFieldProcessor implements Processor {

    private static final int MAX_QUOTED = 80;

    private final JsonFactory factory;
    private final String field;
    private final String target;
    private final String versionField;
    private final String version;

    JsonFieldProcessor(JsonFactory factory, String field, String target, String versionField, String version) {
        this.factory = factory;
        this.field = field;
        this.target = target;
        this.versionField = versionField;
        this.version = version;
    }

    @Override
    public void process(Row record, Emitter out) {
        Object text = record.get(field);
        Row result = record;
        if (text instanceof String json) {
            result = record.with(target, parse(json));
        } else if (text != null) {
            throw new ExtensionException(JsonFieldProcessorFactory.NAME, "field '" + field
                    + "' must hold JSON text as a string but holds " + text + "; point 'field' at a string field");
        }
        if (!versionField.isEmpty()) {
            result = result.with(versionField, version);
        }
        out.emit(result);
    }

    private Object parse(String json) {
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw invalid(json, "it is empty", null);
            }
            Object value = value(parser, first);
            if (parser.nextToken() != null) {
                throw invalid(json, "it has more content after the first value, at character "
                        + parser.currentLocation().getCharOffset(), null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw invalid(json, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ExtensionException(JsonFieldProcessorFactory.NAME, "reading field '" + field + "' failed", e);
        }
    }

    private Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Row.Builder nested = Row.builder();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    nested.set(name, value(parser, parser.nextToken()));
                }
                yield nested.build();
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    list.add(value(parser, next));
                }
                yield Collections.unmodifiableList(list);
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw invalid(parser.getText(), "the integer does not fit in a 64-bit long", null);
                }
                yield parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw invalid(parser.getText(), "unexpected token " + token, null);
        };
    }

    private ExtensionException invalid(String json, String why, Throwable cause) {
        String quoted = json.length() > MAX_QUOTED ? json.substring(0, MAX_QUOTED) + "..." : json;
        String message = "field '" + field + "' does not hold valid JSON (" + why + "): \"" + quoted
                + "\"; fix the input or filter such records out before this stage";
        return cause == null ? new ExtensionException(JsonFieldProcessorFactory.NAME, message)
                : new ExtensionException(JsonFieldProcessorFactory.NAME, message, cause);
    }
}
