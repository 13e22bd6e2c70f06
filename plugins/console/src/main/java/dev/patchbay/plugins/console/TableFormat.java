package dev.patchbay.plugins.console;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints each batch as an aligned table with its own header. Columns are the union of the batch's field
 * names in order of first appearance; column widths are computed per batch, in Unicode code points, and
 * capped at a maximum width, longer cells being cut and ending in {@code ...}. Columns whose values are
 * all numbers are right-aligned. A table is followed by an empty line.
 *
 * <p>Cells: a missing field is empty; null prints as {@code null}; strings print without quotes, with
 * line breaks, tabs and other control characters escaped as in JSON so that each record stays on one
 * line; doubles as Java prints them ({@code NaN} and {@code Infinity} included); bytes in the configured
 * encoding; lists and nested records as compact JSON.
 */
final class TableFormat implements BatchFormat {

    /** The smallest usable maximum width: one character of content and the {@code ...} marker. */
    static final int MIN_COLUMN_WIDTH = 4;

    private static final String ELLIPSIS = "...";
    private static final String SEPARATOR = " | ";
    private static final String RULE_SEPARATOR = "-+-";

    private final Json json;
    private final int maxColumnWidth;

    TableFormat(Json json, int maxColumnWidth) {
        if (maxColumnWidth < MIN_COLUMN_WIDTH) {
            throw new IllegalArgumentException("maximum column width must be at least " + MIN_COLUMN_WIDTH
                    + ", got " + maxColumnWidth);
        }
        this.json = json;
        this.maxColumnWidth = maxColumnWidth;
    }

    @Override
    public String render(List<Row> records) {
        Map<String, Integer> columnIndex = new LinkedHashMap<>();
        for (Row record : records) {
            for (int i = 0; i < record.size(); i++) {
                columnIndex.putIfAbsent(record.name(i), columnIndex.size());
            }
        }
        int columns = columnIndex.size();
        if (columns == 0) {
            // Records without fields still count as printed rows; say so rather than print nothing.
            return "(" + records.size() + (records.size() == 1 ? " record" : " records") + " without fields)\n\n";
        }
        List<String> header = new ArrayList<>(columnIndex.keySet());
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        boolean[] sawNumber = new boolean[columns];
        Arrays.fill(numeric, true);
        for (int c = 0; c < columns; c++) {
            header.set(c, fit(escape(header.get(c))));
            widths[c] = width(header.get(c));
        }
        List<String[]> rows = new ArrayList<>(records.size());
        for (Row record : records) {
            String[] row = new String[columns];
            Arrays.fill(row, "");
            for (int i = 0; i < record.size(); i++) {
                int c = columnIndex.get(record.name(i));
                Object value = record.value(i);
                row[c] = fit(cell(value));
                widths[c] = Math.max(widths[c], width(row[c]));
                if (value instanceof Long || value instanceof Double) {
                    sawNumber[c] = true;
                } else if (value != null) {
                    numeric[c] = false;
                }
            }
            rows.add(row);
        }
        for (int c = 0; c < columns; c++) {
            numeric[c] &= sawNumber[c];
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header.toArray(String[]::new), widths, numeric);
        for (int c = 0; c < columns; c++) {
            if (c > 0) {
                out.append(RULE_SEPARATOR);
            }
            out.append("-".repeat(widths[c]));
        }
        out.append('\n');
        for (String[] row : rows) {
            appendRow(out, row, widths, numeric);
        }
        return out.append('\n').toString();
    }

    @Override
    public String suppressedNotice(long suppressed, long limit) {
        return "(" + suppressed + (suppressed == 1 ? " more record was" : " more records were")
                + " not printed: limit of " + limit + " reached)\n";
    }

    /** Returns the text of a cell before fitting it to the column width. */
    String cell(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof String s) {
            return escape(s);
        } else if (value instanceof Double d) {
            // NaN and the infinities are quoted in JSON, which cannot express them; a table need not.
            return d.toString();
        } else if (value instanceof Bytes || value instanceof Row || value instanceof List) {
            String text = json.value(value);
            return value instanceof Bytes ? text.substring(1, text.length() - 1) : text;
        }
        return json.value(value);
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] widths, boolean[] numeric) {
        int start = out.length();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                out.append(SEPARATOR);
            }
            int padding = widths[c] - width(cells[c]);
            if (numeric[c]) {
                out.append(" ".repeat(padding)).append(cells[c]);
            } else {
                out.append(cells[c]).append(" ".repeat(padding));
            }
        }
        // No trailing blanks: they are invisible in a terminal and make copied output hard to compare.
        int end = out.length();
        while (end > start && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    /** Escapes characters that would break the line or the alignment, the same way JSON does. */
    private static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> null;
            };
            if (replacement == null && (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029')) {
                StringBuilder escaped = new StringBuilder(6);
                Json.appendUnicodeEscape(escaped, c);
                replacement = escaped.toString();
            }
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private String fit(String text) {
        if (width(text) <= maxColumnWidth) {
            return text;
        }
        int keep = text.offsetByCodePoints(0, maxColumnWidth - ELLIPSIS.length());
        return text.substring(0, keep) + ELLIPSIS;
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
