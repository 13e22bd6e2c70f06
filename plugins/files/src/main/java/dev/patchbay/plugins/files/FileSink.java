package dev.patchbay.plugins.files;

import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/**
 * The common part of the files sinks: each record becomes one line of text (CSV records may span lines
 * inside quotes) appended to a {@link FileOutput}.
 */
abstract class FileSink implements Sink {

    protected final String extension;
    protected final FileOutput output;
    private final String lineEnding;

    FileSink(Settings settings, ExtensionContext context, String lineEnding) {
        this.extension = settings.extension();
        this.lineEnding = lineEnding;
        Path path = Options.path(settings, context);
        Charset charset = Options.outputCharset(settings);
        boolean gzip = Options.gzip(settings, path);
        boolean overwrite = settings.getString(Options.MODE).equals("overwrite");
        try {
            this.output = FileOutput.open(path, charset, gzip, overwrite);
        } catch (IOException e) {
            throw new ExtensionException(extension, "cannot open output file " + path + ": " + e
                    + "; check that the directory is writable", e);
        }
        try {
            if (output.endsWithPartialLine()) {
                context.logger().log(System.Logger.Level.WARNING, "output file " + path + " does not end with a"
                        + " line break, as after an interrupted write; new records start on a new line");
                output.text().append(lineEnding);
            }
        } catch (IOException e) {
            ExtensionException failure = new ExtensionException(extension, "cannot read the end of the existing"
                    + " output file " + path + ": " + e, e);
            closeAfterFailure(failure);
            throw failure;
        }
    }

    /**
     * Appends one record, without its line ending, to the text.
     *
     * @throws IllegalArgumentException if the record cannot be written, with a message naming the field
     *         or the character
     */
    abstract void format(TextBuffer text, Row record);

    @Override
    public void write(List<Row> batch) throws IOException {
        TextBuffer text = output.text();
        for (int i = 0, n = batch.size(); i < n; i++) {
            Row record = batch.get(i);
            int mark = text.length();
            try {
                format(text, record);
            } catch (IllegalArgumentException e) {
                text.setLength(mark);
                String shown = record.toString();
                if (shown.length() > 300) {
                    shown = shown.substring(0, 300) + "...";
                }
                throw new ExtensionException(extension, "cannot write record " + shown + " to " + output.path()
                        + ": " + e.getMessage(), e);
            }
            text.append(lineEnding);
            output.recordWritten();
        }
    }

    /** Closes the output when a subclass constructor fails, keeping the failure as the primary exception. */
    protected final void closeAfterFailure(RuntimeException failure) {
        try {
            output.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Returns the line ending written after each record. */
    protected final String lineEnding() {
        return lineEnding;
    }

    @Override
    public void flush() throws IOException {
        output.flush();
    }

    @Override
    public void close() throws IOException {
        output.close();
    }
}
