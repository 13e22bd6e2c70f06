package dev.patchbay.plugins.files;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Turns the fields of a parsed CSV record into values of their columns' types, so that a column has one
 * type in every row.
 *
 * <p>An inferred type is held strictly: an integer column takes only unquoted JSON integers, a number
 * column only unquoted JSON numbers (as Double), and anything else there is malformed, since it would
 * have made the column a string column had it been in the sample. A declared type converts the text
 * whatever its quoting, leniently ({@code 004} is the integer 4, {@code +1.50} the number 1.5); a value
 * it cannot convert is malformed too. An unquoted empty field is null in every column (with
 * {@code inferTypes: false}, the empty string in a string column); in a declared integer, number or
 * boolean column a quoted empty field is null as well. Immutable.
 */
final class ColumnValues {

    private static final int SHOWN_CHARS = 80;

    private final List<String> names;
    private final ColumnType[] types;
    private final boolean[] declared;
    private final boolean emptyIsNull;

    /**
     * @param names the column names
     * @param types the type of each column
     * @param declared for each column, whether {@code types} declares its type
     * @param emptyIsNull whether an unquoted empty field of a string column is null (else "")
     */
    ColumnValues(List<String> names, ColumnType[] types, boolean[] declared, boolean emptyIsNull) {
        this.names = List.copyOf(names);
        this.types = types.clone();
        this.declared = declared.clone();
        if (this.types.length != this.names.size() || this.declared.length != this.names.size()) {
            throw new IllegalArgumentException("expected one type and one declared flag per column of " + names);
        }
        for (ColumnType type : this.types) {
            Objects.requireNonNull(type, "types");
        }
        this.emptyIsNull = emptyIsNull;
    }

    ColumnType type(int column) {
        return types[column];
    }

    /** The types as a position records them: one code per column. */
    String codes() {
        StringBuilder codes = new StringBuilder(types.length);
        for (ColumnType type : types) {
            codes.append(type.code());
        }
        return codes.toString();
    }

    /** Returns field {@code i} of the record the parser holds as a value of column {@code i}'s type. */
    Object value(CsvParser parser, byte[] b, int i, TextDecoder decoder) throws MalformedDataException {
        // The common cases only, so that this stays small enough to be inlined into the row loop.
        ColumnType type = types[i];
        int start = parser.starts[i];
        int end = parser.ends[i];
        boolean quoted = parser.quoted[i];
        if (type == ColumnType.STRING) {
            if (!quoted && start == end) {
                return emptyIsNull ? null : "";
            }
            return parser.text(b, i, decoder);
        }
        if (declared[i]) {
            return declared(parser, b, i, decoder);
        }
        if (!quoted) {
            if (start == end) {
                return null;
            }
            Object number = Numbers.parse(b, start, end);
            if (number instanceof Long l) {
                return type == ColumnType.NUMBER ? (Object) l.doubleValue() : l;
            }
            if (number != null && type == ColumnType.NUMBER) {
                return number;
            }
        }
        throw notInferredType(parser, b, i, decoder);
    }

    private Object declared(CsvParser parser, byte[] b, int i, TextDecoder decoder) throws MalformedDataException {
        int start = parser.starts[i];
        int end = parser.ends[i];
        if (start == end) {
            return null;
        }
        ColumnType type = types[i];
        Object value = parser.escaped[i] ? null : switch (type) {
            case INTEGER -> integer(b, start, end);
            case NUMBER -> number(b, start, end);
            default -> bool(b, start, end);
        };
        if (value == null) {
            throw new MalformedDataException("column \"" + names.get(i) + "\": " + shown(parser, b, i, decoder)
                    + " is not " + type.withArticle() + ", the type \"types\" declares for it; fix the value,"
                    + " or declare another type in \"types\"");
        }
        return value;
    }

    private MalformedDataException notInferredType(CsvParser parser, byte[] b, int i, TextDecoder decoder)
            throws MalformedDataException {
        String name = names.get(i);
        return new MalformedDataException("column \"" + name + "\": " + shown(parser, b, i, decoder)
                + (parser.quoted[i] ? " (quoted, so text)" : "") + " is not " + types[i].withArticle() + ", the type"
                + " inferred for the column from the first records of the file; declare its type, for example"
                + " \"types\": {\"" + name + "\": \"string\"}");
    }

    private static String shown(CsvParser parser, byte[] b, int i, TextDecoder decoder)
            throws MalformedDataException {
        String text = parser.text(b, i, decoder);
        return "\"" + (text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text) + "\"";
    }

    /** Parses {@code [+-]digits} that fits in a long, leading zeros allowed; null otherwise. */
    static Long integer(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (b[i] == '+' || b[i] == '-') {
            negative = b[i] == '-';
            i++;
        }
        if (i == end) {
            return null;
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            // Accumulate negatively: Long.MIN_VALUE has no positive counterpart.
            if (value < (Long.MIN_VALUE + digit) / 10) {
                return null;
            }
            value = value * 10 - digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return null;
            }
            value = -value;
        }
        return value;
    }

    /**
     * Parses a decimal number, leading zeros and a leading {@code +} allowed ({@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?}),
     * as a finite Double; null otherwise (NaN, infinities, hexadecimal and out-of-range values included).
     */
    static Double number(byte[] b, int start, int end) {
        Object strict = Numbers.parse(b, start, end);
        if (strict != null) {
            return strict instanceof Long l ? (double) l : (Double) strict;
        }
        int i = start;
        if (b[i] == '+' || b[i] == '-') {
            i++;
        }
        int digits = 0;
        while (i < end && isDigit(b[i])) {
            i++;
            digits++;
        }
        if (i < end && b[i] == '.') {
            i++;
            while (i < end && isDigit(b[i])) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int exponentStart = i;
            while (i < end && isDigit(b[i])) {
                i++;
            }
            if (i == exponentStart) {
                return null;
            }
        }
        if (i != end) {
            return null;
        }
        double value = Double.parseDouble(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
        return Double.isInfinite(value) ? null : value;
    }

    /** Parses true or false in any letter case; null otherwise. */
    static Boolean bool(byte[] b, int start, int end) {
        String text = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return null;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
