package dev.patchbay.plugins.files;

import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import dev.patchbay.api.SourceContext;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The interpreted settings every files source shares.
 *
 * @param extension the extension name, for messages
 * @param path the absolute file path
 * @param charset the file's charset
 * @param gzip whether the file is gzip-compressed
 * @param skipErrors true for {@code onError: skip}
 * @param follow true to keep reading appended lines
 */
record SourceConfig(String extension, Path path, Charset charset, boolean gzip, boolean skipErrors,
        boolean follow) {

    SourceConfig {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(charset, "charset");
    }

    /** Tells whether the file is re-encoded as UTF-8 before parsing. */
    boolean transcode() {
        return !Options.isAsciiCompatible(charset);
    }

    /** Returns the encoding of the bytes the parsers see: UTF-8 if the file is re-encoded, else its own. */
    Charset parseCharset() {
        return transcode() ? StandardCharsets.UTF_8 : charset;
    }

    static SourceConfig of(Settings settings, SourceContext context) {
        Path path = Options.path(settings, context);
        boolean gzip = Options.gzip(settings, path);
        boolean follow = settings.find(Options.FOLLOW).map(Boolean.class::cast).orElse(false);
        if (follow && gzip) {
            throw new SettingsException(settings.extension(), Options.FOLLOW, "cannot follow a gzip-compressed file"
                    + " (" + path + "); set \"follow\": false or read an uncompressed file");
        }
        Charset charset = Options.charset(settings);
        if (follow && !Options.isAsciiCompatible(charset)) {
            throw new SettingsException(settings.extension(), Options.FOLLOW, "cannot follow a file in charset "
                    + charset.name() + ", which is not ASCII-compatible; set \"follow\": false, or write the file in"
                    + " UTF-8");
        }
        return new SourceConfig(settings.extension(), path, charset, gzip, Options.skipErrors(settings), follow);
    }
}
