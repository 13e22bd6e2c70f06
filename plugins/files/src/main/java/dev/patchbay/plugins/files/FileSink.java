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

    /** @param ends where records end in this sink's format, to find a torn tail of an appended file */
    FileSink(Settings settings, ExtensionContext context, String lineEnding, RecordEnds ends) {
        this.extension = settings.extension();
        this.lineEnding = lineEnding;
        Path path = Options.path(settings, context);
        Charset charset = Options.outputCharset(settings);
        boolean gzip = Options.gzip(settings, path);
        boolean overwrite = settings.getString(Options.MODE).equals("overwrite");
        try {
            this.output = FileOutput.open(path, charset, gzip, overwrite, ends);
        } catch (IOException e) {
            // The message names the file, the operation and the fix (FileIOException).
            throw new ExtensionException(extension, e.getMessage(), e);
        }
        System.Logger logger = context.logger();
        output.repaired().ifPresent(cut -> logger.log(System.Logger.Level.WARNING, "repaired output file " + path
                + " before appending: cut " + cut.bytes() + " bytes at offset " + cut.offset() + " (" + cut.what()
                + ", left by an interrupted write: a crash, kill -9 or a full disk); they were never flushed, so no"
                + " acknowledged record was in them, and the records after the last checkpoint are written again"));
        if (!output.tailChecked()) {
            logger.log(System.Logger.Level.WARNING, "cannot check output file " + path + " for a torn tail in"
                    + " charset " + charset.name() + ", whose line breaks cannot be found without decoding; appending"
                    + " to it as it is: after a crash, check that it ends with a complete record");
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
