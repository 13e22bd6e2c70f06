package dev.patchbay.plugins.files;

import java.util.Objects;
import java.util.Optional;

/**
 * The position of a files source: {@code offset=<bytes>;line=<line>}, then {@code ;<state>} if the source
 * keeps state of its own (csv-source's column types).
 *
 * @param offset the offset, in the decompressed input, of the first byte after the last consumed record
 * @param line the line number (1-based) that byte is on
 * @param state the source's own part, without {@code ;}; empty for none
 */
record FilePosition(long offset, long line, String state) {

    FilePosition {
        if (offset < 0 || line < 1) {
            throw new IllegalArgumentException("offset must be 0 or more and line 1 or more, got " + offset + " and "
                    + line);
        }
        Objects.requireNonNull(state, "state");
        if (state.indexOf(';') >= 0) {
            throw new IllegalArgumentException("the state part must not contain ';', got \"" + state + "\"");
        }
    }

    /** Parses a position; empty if it does not have this form. */
    static Optional<FilePosition> parse(String value) {
        String[] parts = value.split(";", -1);
        if ((parts.length != 2 && parts.length != 3) || !parts[0].startsWith("offset=")
                || !parts[1].startsWith("line=")) {
            return Optional.empty();
        }
        try {
            long offset = Long.parseLong(parts[0].substring("offset=".length()));
            long line = Long.parseLong(parts[1].substring("line=".length()));
            if (offset < 0 || line < 1) {
                return Optional.empty();
            }
            return Optional.of(new FilePosition(offset, line, parts.length == 3 ? parts[2] : ""));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The position as the host stores it. */
    String value() {
        return "offset=" + offset + ";line=" + line + (state.isEmpty() ? "" : ";" + state);
    }
}
