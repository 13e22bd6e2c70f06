package dev.patchbay.plugins.files;

import dev.patchbay.api.Fields;
import dev.patchbay.api.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader over a char array. It accepts exactly the JSON grammar: no comments,
 * no trailing commas, no single quotes, no NaN, no leading zeros, no unescaped control characters and
 * no unpaired surrogate escapes. Object keys must be unique.
 *
 * <p>Values map to record values: object to {@link Row} (keys in order), array to an unmodifiable
 * List, integer that fits in a long to Long, any other number to Double, string to String, true/false
 * to Boolean, null to null. Numbers outside the double range are rejected.
 *
 * <p>Top-level objects whose keys equal the previous object's keys, as in most JSON Lines files, share
 * one {@link Fields} instance. An instance is not thread-safe.
 */
final class JsonReader {

    private static final int MAX_DEPTH = 512;

    private char[] text;
    private int pos;
    private int end;
    private int depth;
    private int base;
    private Fields lastFields;
    private String[] lastNames = new String[0];
    private String[] topNames = new String[16];
    private Object[] topValues = new Object[16];
    private final StringBuilder scratch = new StringBuilder();

    /**
     * Parses a whole JSON text that must be an object, surrounded by optional whitespace.
     *
     * @throws MalformedDataException naming the column (1-based char index) and what was expected
     */
    Row readObject(char[] chars, int start, int stop) throws MalformedDataException {
        this.text = chars;
        this.pos = start;
        this.end = stop;
        this.depth = 0;
        this.base = start;
        skipWhitespace();
        if (pos >= end) {
            throw error("expected a JSON object but the line is empty");
        }
        if (text[pos] != '{') {
            int at = pos;
            String found;
            try {
                found = kind(readValue());
            } catch (MalformedDataException e) {
                found = describe(text[at]);
            }
            pos = at;
            throw error("expected a JSON object but found " + found
                    + "; each line must hold one object such as {\"field\": 1}");
        }
        Row record = readTopObject();
        skipWhitespace();
        if (pos < end) {
            throw error("unexpected " + describe(text[pos]) + " after the end of the object");
        }
        this.text = null;
        return record;
    }

    /** Parses a whole JSON text holding any value. */
    Object readValue(char[] chars, int start, int stop) throws MalformedDataException {
        this.text = chars;
        this.pos = start;
        this.end = stop;
        this.depth = 0;
        this.base = start;
        skipWhitespace();
        Object value = readValue();
        skipWhitespace();
        if (pos < end) {
            throw error("unexpected " + describe(text[pos]) + " after the end of the value");
        }
        this.text = null;
        return value;
    }

    private Row readTopObject() throws MalformedDataException {
        pos++;
        depth++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return Row.empty();
        }
        int count = 0;
        boolean same = true;
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key but found " + describeAt());
            }
            String name = count < lastNames.length ? readKnownKey(lastNames[count]) : null;
            if (name == null) {
                name = readString();
                same = false;
            }
            if (count == topNames.length) {
                topNames = Arrays.copyOf(topNames, count * 2);
                topValues = Arrays.copyOf(topValues, count * 2);
            }
            topNames[count] = name;
            skipWhitespace();
            expect(':');
            skipWhitespace();
            topValues[count] = readValue();
            count++;
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                break;
            } else {
                throw error("expected ',' or '}' but found " + describeAt());
            }
        }
        depth--;
        Fields fields;
        if (same && count == lastNames.length) {
            fields = lastFields;
        } else {
            String[] array = Arrays.copyOf(topNames, count);
            try {
                fields = Fields.of(array);
            } catch (IllegalArgumentException e) {
                throw new MalformedDataException("duplicate key: " + e.getMessage(), e);
            }
            lastFields = fields;
            lastNames = array;
        }
        Object[] values = Arrays.copyOf(topValues, count);
        Arrays.fill(topValues, 0, count, null);
        return fields.record(values);
    }

    /**
     * Reads the key at {@code pos} if it is exactly {@code expected}, written without escapes, and
     * returns {@code expected} itself; otherwise leaves {@code pos} alone and returns null.
     */
    private String readKnownKey(String expected) {
        int length = expected.length();
        int start = pos + 1;
        int close = start + length;
        if (close >= end || text[close] != '"') {
            return null;
        }
        for (int i = 0; i < length; i++) {
            char c = text[start + i];
            if (c != expected.charAt(i) || c == '\\' || c < 0x20) {
                return null;
            }
        }
        pos = close + 1;
        return expected;
    }

    private Object readValue() throws MalformedDataException {
        if (pos >= end) {
            throw error("unexpected end of line, expected a value");
        }
        char c = text[pos];
        switch (c) {
            case '{':
                return readObject();
            case '[':
                return readArray();
            case '"':
                return readString();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw error("unexpected " + describe(c) + ", expected a value");
        }
    }

    private Row readObject() throws MalformedDataException {
        enter();
        pos++;
        Map<String, Object> fields = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return Row.empty();
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key but found " + describeAt());
            }
            int keyAt = pos;
            String name = readString();
            if (fields.containsKey(name)) {
                pos = keyAt;
                throw error("duplicate key \"" + name + "\"; keys of an object must be unique");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            fields.put(name, readValue());
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                break;
            } else {
                throw error("expected ',' or '}' but found " + describeAt());
            }
        }
        depth--;
        return Row.of(fields);
    }

    private List<Object> readArray() throws MalformedDataException {
        enter();
        pos++;
        List<Object> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return Collections.emptyList();
        }
        while (true) {
            skipWhitespace();
            items.add(readValue());
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                break;
            } else {
                throw error("expected ',' or ']' but found " + describeAt());
            }
        }
        depth--;
        return Collections.unmodifiableList(items);
    }

    private String readString() throws MalformedDataException {
        int start = ++pos;
        int i = start;
        while (i < end) {
            char c = text[i];
            if (c == '"') {
                pos = i + 1;
                return new String(text, start, i - start);
            }
            if (c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
                break;
            }
            i++;
        }
        StringBuilder out = scratch;
        out.setLength(0);
        out.append(text, start, i - start);
        pos = i;
        while (true) {
            if (pos >= end) {
                throw error("unterminated string starting at column " + (start - base));
            }
            char c = text[pos];
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error("unescaped control character U+" + String.format("%04X", (int) c)
                        + " in a string; write it as an escape such as \\n or \\u0009");
            }
            if (c == '\\') {
                pos++;
                if (pos >= end) {
                    throw error("unterminated escape sequence");
                }
                char e = text[pos];
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        char unit = hex4();
                        if (Character.isHighSurrogate(unit)) {
                            if (pos + 2 < end && text[pos + 1] == '\\' && text[pos + 2] == 'u') {
                                pos += 2;
                                char low = hex4();
                                if (!Character.isLowSurrogate(low)) {
                                    throw error("high surrogate \\u" + String.format("%04X", (int) unit)
                                            + " is followed by \\u" + String.format("%04X", (int) low)
                                            + ", not by a low surrogate");
                                }
                                out.append(unit).append(low);
                            } else {
                                throw error("high surrogate \\u" + String.format("%04X", (int) unit)
                                        + " is not followed by a low surrogate escape");
                            }
                        } else if (Character.isLowSurrogate(unit)) {
                            throw error("low surrogate \\u" + String.format("%04X", (int) unit)
                                    + " without a preceding high surrogate");
                        } else {
                            out.append(unit);
                        }
                    }
                    default -> throw error("invalid escape \\" + e + "; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
                }
                pos++;
                continue;
            }
            if (Character.isHighSurrogate(c) && pos + 1 < end && Character.isLowSurrogate(text[pos + 1])) {
                out.append(c).append(text[pos + 1]);
                pos += 2;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw error("unpaired surrogate character U+" + String.format("%04X", (int) c));
            }
            out.append(c);
            pos++;
        }
    }

    /** Reads the four hex digits after "\\u"; {@code pos} is on the 'u' and ends on the last digit. */
    private char hex4() throws MalformedDataException {
        if (pos + 4 >= end) {
            throw error("incomplete \\u escape; it needs four hex digits");
        }
        int value = 0;
        for (int k = 1; k <= 4; k++) {
            char c = text[pos + k];
            int digit = c < 0x80 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                throw error("invalid hex digit " + describe(text[pos + k]) + " in a \\u escape");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private Object readNumber() throws MalformedDataException {
        int start = pos;
        while (pos < end) {
            char c = text[pos];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                pos++;
            } else {
                break;
            }
        }
        Object number = Numbers.parse(text, start, pos);
        if (number == null) {
            String literal = new String(text, start, pos - start);
            pos = start;
            if (isGrammatical(literal)) {
                throw error("number " + literal + " is outside the range of a double");
            }
            throw error("invalid number " + literal + "; JSON numbers look like -12, 0.5 or 1e-3 (no leading zeros,"
                    + " no leading '+' or '.', digits after '.')");
        }
        return number;
    }

    private static boolean isGrammatical(String literal) {
        return literal.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    }

    private void literal(String word) throws MalformedDataException {
        if (end - pos >= word.length()) {
            boolean match = true;
            for (int k = 0; k < word.length(); k++) {
                if (text[pos + k] != word.charAt(k)) {
                    match = false;
                    break;
                }
            }
            if (match) {
                pos += word.length();
                return;
            }
        }
        throw error("invalid literal, expected '" + word + "'");
    }

    private void enter() throws MalformedDataException {
        if (++depth > MAX_DEPTH) {
            throw error("values are nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void expect(char c) throws MalformedDataException {
        if (peek() != c) {
            throw error("expected '" + c + "' but found " + describeAt());
        }
        pos++;
    }

    private char peek() {
        return pos < end ? text[pos] : '\0';
    }

    private void skipWhitespace() {
        while (pos < end) {
            char c = text[pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private String describeAt() {
        return pos >= end ? "the end of the line" : describe(text[pos]);
    }

    private static String describe(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        return "character U+" + String.format("%04X", (int) c);
    }

    private static String kind(Object value) {
        if (value instanceof List) {
            return "an array";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value == null) {
            return "null";
        }
        return "a number";
    }

    private MalformedDataException error(String message) {
        return new MalformedDataException("invalid JSON at column " + (pos - base + 1) + ": " + message);
    }
}
