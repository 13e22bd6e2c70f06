package dev.patchbay.plugins.files;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Position;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The common part of the files sources: opening (plain or gzip), the UTF-8 byte order mark, resuming
 * from a position, the poll loop, follow mode and the error policy.
 *
 * <p>A position is {@code offset=<bytes>;line=<number>}: the offset, in the decompressed input, of the
 * first byte after the last consumed record, and the line number that byte is on. Records skipped as
 * malformed, and comment lines, count as consumed. A subclass may append one more part of its own
 * state ({@link #positionState}, {@link #restoreState}). Resuming seeks a plain file to the offset; for
 * gzip, and for charsets that are re-encoded as UTF-8, it reads and discards the input up to the offset.
 *
 * <p>All state is confined to the polling thread (the host polls a source from one thread at a time).
 */
abstract class FileSource implements Source {

    /** Records emitted per poll at most, so that a poll returns well within its time budget. */
    static final int MAX_PER_POLL = 1024;
    static final int MAX_RECORD_BYTES = 64 << 20;

    /** What one parsing step found. */
    enum Step {
        /** A record was emitted. */
        RECORD,
        /** Input was consumed without a record: a blank line, a comment line or a skipped malformed record. */
        CONSUMED,
        /** The buffer ends inside a record; more input is needed. */
        NEED_MORE,
        /** The input is exhausted. */
        END
    }

    /** The counter comment lines are reported under, as {@code ExtensionContext.count} names it. */
    static final String COMMENT_LINES = "commentLines";
    /** The most of a skipped record's text a rejection carries; the whole record may be up to 64 MiB. */
    static final int REJECTED_TEXT_BYTES = 1024;

    protected final SourceConfig config;
    protected final TextDecoder decoder;
    protected final FileInput in;
    /** The line number of the byte at {@code in.pos}. */
    protected long line = 1;
    private final System.Logger logger;
    private final Optional<Position> resumeFrom;
    /** The offset of the resume position, 0 when reading from the start. */
    private long resumeOffset;
    private final SourceContext context;
    private long commentLines;
    /** The emitter of the poll in progress, to which skipped records are reported. */
    private Emitter out;
    private boolean started;
    private boolean ended;

    FileSource(SourceConfig config, SourceContext context) {
        this.config = config;
        this.decoder = new TextDecoder(config.parseCharset());
        this.logger = context.logger();
        this.context = context;
        this.resumeFrom = context.resumeFrom();
        try {
            this.in = FileInput.open(config.path(), config.gzip(), config.transcode() ? config.charset() : null,
                    FileInput.INITIAL_BUFFER, MAX_RECORD_BYTES);
        } catch (IOException e) {
            // The message names the file, the operation and the fix (FileIOException).
            throw new ExtensionException(config.extension(), e.getMessage(), e);
        }
    }

    /**
     * Parses and emits at most one record starting at {@code in.pos}.
     *
     * Malformed input goes through {@link #malformed}, which applies the error policy.
     *
     * @param last true if no more input will arrive, so an incomplete record at the end is final
     */
    abstract Step next(Emitter out, boolean last);

    /** Reads what precedes the records, such as a CSV header; called once before resuming. */
    void prepare() throws IOException {
    }

    /**
     * Returns this source's own part of the position, such as {@code types=sin}, or an empty string for
     * none; it must not contain {@code ;}.
     */
    String positionState() {
        return "";
    }

    /**
     * Takes back the part {@link #positionState} wrote, after {@link #prepare} and before the first record.
     *
     * @param state the part after {@code line=<number>;}, or an empty string if the position has none
     * @param position the whole position, for messages
     */
    void restoreState(String state, Position position) {
        if (!state.isEmpty()) {
            throw unusablePosition(position, "expected \"" + positionFormat() + "\" as written by "
                    + config.extension());
        }
    }

    /** Describes the position format for messages. */
    String positionFormat() {
        return "offset=<bytes>;line=<line>";
    }

    /** An error for a resume position this source cannot use, saying what to do. */
    protected final ExtensionException unusablePosition(Position position, String why) {
        return new ExtensionException(config.extension(), "cannot resume " + config.path() + " from position \""
                + position.value() + "\": " + why + "; delete the pipeline's checkpoint to read the file from the"
                + " start");
    }

    @Override
    public final Poll poll(Emitter out) throws IOException {
        if (ended) {
            return Poll.END;
        }
        this.out = out;
        if (!started) {
            start();
            started = true;
        }
        boolean last = false;
        int emitted = 0;
        int consumed = 0;
        while (true) {
            Step step = next(out, last);
            switch (step) {
                case RECORD -> {
                    if (++emitted >= MAX_PER_POLL) {
                        return Poll.MORE;
                    }
                }
                case CONSUMED -> {
                    if (++consumed >= MAX_PER_POLL * 16) {
                        return Poll.MORE;
                    }
                }
                case NEED_MORE -> {
                    if (last) {
                        throw new IllegalStateException("parser asked for more input after the end");
                    }
                    if (!fill()) {
                        if (config.follow()) {
                            checkNotTruncated();
                            return emitted > 0 ? Poll.MORE : Poll.IDLE;
                        }
                        last = true;
                    }
                }
                case END -> {
                    if (config.follow()) {
                        return emitted > 0 ? Poll.MORE : Poll.IDLE;
                    }
                    ended = true;
                    return Poll.END;
                }
                default -> throw new IllegalStateException("unknown step " + step);
            }
        }
    }

    /** Reads more input; a record beyond {@link #MAX_RECORD_BYTES} fails whatever the error policy. */
    protected final boolean fill() throws IOException {
        try {
            return in.fill();
        } catch (FileInput.RecordTooLongException e) {
            throw new ExtensionException(config.extension(), "record at line " + line + " of " + config.path()
                    + " is longer than " + MAX_RECORD_BYTES + " bytes; check the file for an unterminated quote or"
                    + " missing line breaks", e);
        }
    }

    private void start() throws IOException {
        FilePosition parsed = resumeFrom.map(this::parsePosition).orElse(null);
        if (parsed != null) {
            resumeOffset = parsed.offset();
        }
        if (in.offset() == 0 && decoder.charset().equals(StandardCharsets.UTF_8)) {
            while (in.limit - in.pos < 3 && fill()) {
                // Read until the three bytes a byte order mark takes, or the end.
            }
            if (in.limit - in.pos >= 3 && in.buf[in.pos] == (byte) 0xEF && in.buf[in.pos + 1] == (byte) 0xBB
                    && in.buf[in.pos + 2] == (byte) 0xBF) {
                in.pos += 3;
            }
        }
        prepare();
        if (parsed != null) {
            resume(resumeFrom.get(), parsed);
            restoreState(parsed.state(), resumeFrom.get());
        }
    }

    private void resume(Position position, FilePosition parsed) throws IOException {
        long offset = parsed.offset();
        if (offset == 0) {
            return;
        }
        if (offset < in.offset()) {
            throw new ExtensionException(config.extension(), "cannot resume " + config.path() + " from position \""
                    + position.value() + "\": the records start at offset " + in.offset() + "; the checkpoint"
                    + " does not belong to this file; delete the pipeline's checkpoint to read the file from the start");
        }
        if (!in.seek(offset)) {
            throw new ExtensionException(config.extension(), "cannot resume " + config.path() + " from position \""
                    + position.value() + "\": the file ends before offset " + offset + "; it was truncated or"
                    + " replaced since the checkpoint; delete the pipeline's checkpoint to read it from the start");
        }
        line = parsed.line();
    }

    private FilePosition parsePosition(Position position) {
        return FilePosition.parse(position.value()).orElseThrow(() -> new ExtensionException(config.extension(),
                "cannot resume from position \"" + position.value() + "\": expected \"" + positionFormat()
                + "\" as written by " + config.extension() + "; delete the pipeline's checkpoint to read the file"
                + " from the start"));
    }

    private void checkNotTruncated() throws IOException {
        if (in.seekable() && in.fileSize() < in.readOffset()) {
            throw new ExtensionException(config.extension(), "followed file " + config.path() + " shrank to "
                    + in.fileSize() + " bytes after " + in.readOffset() + " bytes had been read; it was truncated"
                    + " or replaced; restart the pipeline after deleting its checkpoint to read the new file");
        }
    }

    @Override
    public final Position position() {
        if (!started) {
            return resumeFrom.orElse(new Position("offset=0;line=1"));
        }
        return new Position(new FilePosition(in.offset(), line, positionState()).value());
    }

    /**
     * Returns a problem if the transcoded input had bytes invalid for the file's charset between
     * {@code in.pos} and the buffer index {@code end}; null otherwise.
     */
    protected final MalformedDataException invalidBytesBefore(int end) {
        int invalid = in.takeMalformedBefore(end);
        if (invalid == 0) {
            return null;
        }
        return new MalformedDataException(invalid + " byte" + (invalid == 1 ? " is" : "s are") + " not valid "
                + config.charset().name() + "; convert the file to " + config.charset().name()
                + " or set \"charset\" to the file's real encoding");
    }

    /**
     * Applies the error policy to a malformed record: with {@code skip}, logs it, reports it to the host (which
     * counts it and can dead-letter it with the file, line and text), moves past it and returns
     * {@link Step#CONSUMED}; with {@code stop}, throws. The one place where a source skips a record.
     *
     * @param errorLine the line the problem is on
     * @param resumeIndex the buffer index to continue from when skipping
     * @param lines the line breaks between {@code in.pos} and {@code resumeIndex}
     */
    protected final Step malformed(MalformedDataException problem, long errorLine, int resumeIndex, long lines) {
        String message = "malformed input in " + config.path() + " at line " + errorLine + ": "
                + problem.getMessage();
        if (!config.skipErrors()) {
            throw new ExtensionException(config.extension(), message
                    + "; fix the input, or set \"onError\": \"skip\" to skip malformed records", problem);
        }
        logger.log(System.Logger.Level.WARNING, "skipped " + message);
        out.reject(new Rejection(problem.getMessage(), config.path() + " line " + errorLine,
                rejectedText(resumeIndex)));
        in.pos = resumeIndex;
        line += lines;
        return Step.CONSUMED;
    }

    /**
     * Skips a comment line: the one place where a source passes over one, so that it is counted here.
     * A comment line before the resume position was counted by the run that read it, so it is not
     * counted again (a CSV header, and the comments before it, are read again on every start).
     *
     * @param resumeIndex the buffer index just after the comment line
     * @param lines the line breaks between {@code in.pos} and {@code resumeIndex}
     */
    protected final Step comment(int resumeIndex, long lines) {
        if (in.offset() >= resumeOffset) {
            commentLines++;
            context.count(COMMENT_LINES, 1);
        }
        in.pos = resumeIndex;
        line += lines;
        return Step.CONSUMED;
    }

    /** The skipped input as text, without its line break and cut to {@value #REJECTED_TEXT_BYTES} bytes. */
    private String rejectedText(int resumeIndex) {
        int end = Math.min(resumeIndex, in.pos + REJECTED_TEXT_BYTES);
        while (end > in.pos && (in.buf[end - 1] == '\n' || in.buf[end - 1] == '\r')) {
            end--;
        }
        return new String(in.buf, in.pos, Math.max(0, end - in.pos), config.parseCharset());
    }

    /** Returns how many comment lines this source has skipped since it was created. */
    final long commentLines() {
        return commentLines;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
