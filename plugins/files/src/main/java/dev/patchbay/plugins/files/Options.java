package dev.patchbay.plugins.files;

import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The settings the files extensions share, and their interpretation. */
final class Options {

    static final String PATH = "path";
    static final String CHARSET = "charset";
    static final String COMPRESSION = "compression";
    static final String ON_ERROR = "onError";
    static final String FOLLOW = "follow";
    static final String MODE = "mode";
    static final String HEADER = "header";
    static final String COLUMNS = "columns";
    static final String DELIMITER = "delimiter";
    static final String QUOTE = "quote";
    static final String INFER_TYPES = "inferTypes";
    static final String TYPES = "types";
    static final String RAGGED = "ragged";
    static final String COMMENT = "comment";
    static final String FIELD = "field";
    static final String LINE_ENDING = "lineEnding";

    private Options() {
    }

    static Setting sourcePath() {
        return Setting.required(PATH, SettingType.STRING,
                "File to read; a relative path is resolved against the Patchbay home directory.").asInputPath();
    }

    static Setting sinkPath() {
        return Setting.required(PATH, SettingType.STRING, "File to write; a relative path is resolved against the"
                + " Patchbay home directory; missing parent directories are created.").asOutputPath();
    }

    static Setting charset() {
        return Setting.optional(CHARSET, SettingType.STRING, "Character encoding of the file, such as UTF-8,"
                + " ISO-8859-1, windows-1252 or UTF-16. Bytes invalid for it are malformed input.")
                .withDefault("UTF-8");
    }

    static Setting outputCharset() {
        return Setting.optional(CHARSET, SettingType.STRING, "Character encoding to write, such as UTF-8, ISO-8859-1,"
                + " windows-1252 or UTF-16; a character it cannot represent is an error.")
                .withDefault("UTF-8");
    }

    static Setting sourceCompression() {
        return Setting.optional(COMPRESSION, SettingType.STRING, "gzip to decompress, none for a plain file, auto to"
                + " decompress when the path ends in .gz; concatenated gzip members are read as one stream.")
                .withDefault("auto").oneOf("auto", "none", "gzip");
    }

    static Setting sinkCompression() {
        return Setting.optional(COMPRESSION, SettingType.STRING, "gzip to compress, none for a plain file, auto to"
                + " compress when the path ends in .gz; every flush completes a gzip member.")
                .withDefault("auto").oneOf("auto", "none", "gzip");
    }

    static Setting onError() {
        return Setting.optional(ON_ERROR, SettingType.STRING, "What to do with malformed input: stop fails the"
                + " pipeline with the file and line; skip logs the file and line as a warning and continues.")
                .withDefault("stop").oneOf("stop", "skip");
    }

    static Setting follow() {
        return Setting.optional(FOLLOW, SettingType.BOOLEAN, "Keep reading lines appended to the file after its end"
                + " (a continuous source); a line is emitted only once its newline has been written.")
                .withDefault(false);
    }

    static Setting mode() {
        return Setting.optional(MODE, SettingType.STRING, "append adds to an existing file; overwrite truncates it"
                + " when the sink starts, which loses earlier output on a restart.")
                .withDefault("append").oneOf("append", "overwrite");
    }

    static Path path(Settings settings, ExtensionContext context) {
        String value = settings.getString(PATH);
        if (value.isBlank()) {
            throw new SettingsException(settings.extension(), PATH, "must not be empty; give a file path such as"
                    + " \"data/input.csv\"");
        }
        try {
            return context.baseDirectory().resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw new SettingsException(settings.extension(), PATH, "\"" + value + "\" is not a valid path: "
                    + e.getReason());
        }
    }

    /** Returns the charset named by the {@code charset} setting. */
    static Charset charset(Settings settings) {
        String name = settings.getString(CHARSET);
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new SettingsException(settings.extension(), CHARSET, "unknown charset \"" + name
                    + "\"; use a name such as UTF-8, ISO-8859-1, windows-1252 or UTF-16");
        }
    }

    /** Returns the charset named by the {@code charset} setting, which must be able to encode. */
    static Charset outputCharset(Settings settings) {
        Charset charset = charset(settings);
        if (!charset.canEncode()) {
            throw new SettingsException(settings.extension(), CHARSET, "charset \"" + charset.name()
                    + "\" can only be read, not written; choose another, such as UTF-8");
        }
        return charset;
    }

    /**
     * Tells whether the 128 ASCII characters are single bytes with their ASCII values in a charset, so
     * that line breaks, delimiters and quotes can be found without decoding.
     */
    static boolean isAsciiCompatible(Charset charset) {
        if (!charset.canEncode()) {
            return false;
        }
        byte[] ascii = new byte[128];
        char[] chars = new char[128];
        for (int i = 0; i < 128; i++) {
            ascii[i] = (byte) i;
            chars[i] = (char) i;
        }
        try {
            String decoded = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(ascii)).toString();
            ByteBuffer encoded = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(chars));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return decoded.equals(new String(chars)) && Arrays.equals(bytes, ascii);
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static boolean gzip(Settings settings, Path path) {
        return switch (settings.getString(COMPRESSION)) {
            case "gzip" -> true;
            case "none" -> false;
            default -> path.getFileName() != null && path.getFileName().toString().endsWith(".gz");
        };
    }

    static boolean skipErrors(Settings settings) {
        return settings.getString(ON_ERROR).equals("skip");
    }

    /** Returns a one-character setting as its single ASCII byte. */
    static byte asciiChar(Settings settings, String key) {
        String value = settings.getString(key);
        if (value.length() != 1 || value.charAt(0) >= 0x80) {
            throw new SettingsException(settings.extension(), key, "must be exactly one ASCII character, got \""
                    + value + "\"; for a tab write \"\\t\" in the JSON config");
        }
        char c = value.charAt(0);
        if (c == '\n' || c == '\r') {
            throw new SettingsException(settings.extension(), key, "must not be a line break");
        }
        return (byte) c;
    }

    /** Returns the optional {@code columns} list: non-empty, distinct strings. */
    static List<String> columns(Settings settings) {
        if (settings.find(COLUMNS).isEmpty()) {
            return List.of();
        }
        List<Object> raw = settings.getList(COLUMNS);
        if (raw.isEmpty()) {
            throw new SettingsException(settings.extension(), COLUMNS, "must not be empty; list the column names,"
                    + " for example [\"id\", \"name\"], or leave the setting out");
        }
        List<String> names = new ArrayList<>(raw.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!(raw.get(i) instanceof String name)) {
                throw new SettingsException(settings.extension(), COLUMNS, "element " + i + " is " + raw.get(i)
                        + ", not a string; column names are strings");
            }
            if (!seen.add(name)) {
                throw new SettingsException(settings.extension(), COLUMNS, "column \"" + name
                        + "\" appears twice; column names must be distinct");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    static String field(Settings settings) {
        String field = settings.getString(FIELD);
        if (field.isEmpty()) {
            throw new SettingsException(settings.extension(), FIELD, "must not be empty; name a field such as"
                    + " \"line\"");
        }
        return field;
    }
}
