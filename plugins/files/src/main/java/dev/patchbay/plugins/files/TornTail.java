package dev.patchbay.plugins.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Decides what an append-mode sink must cut from the end of its file before it appends: the part after the
 * last complete record (a line, a CSV record, a gzip member) that a crash, a {@code kill -9} or a full disk
 * left. A sink's checkpoint passes only flushed data, and a flush ends with a complete record (and, with gzip,
 * a complete member), so what is cut was never acknowledged; the records in it are read again from the last
 * checkpoint.
 *
 * <p>For gzip, a damaged member with complete members after it (as an earlier version, which appended behind
 * a torn member, could leave) cannot be cut without losing those; and a file that does not start like gzip at
 * all is probably plain text under the wrong {@code compression}. Both are refused, with the file untouched.
 */
final class TornTail {

    /**
     * A cut to make.
     *
     * @param offset where the kept part ends and the cut starts
     * @param bytes how many bytes are cut, from {@code offset} to the end
     * @param what what was torn, for the log ("a torn last line")
     */
    record Cut(long offset, long bytes, String what) {

        Cut {
            if (offset < 0 || bytes <= 0) {
                throw new IllegalArgumentException("a cut needs an offset >= 0 and bytes > 0, got " + offset + " and "
                        + bytes);
            }
        }
    }

    private TornTail() {
    }

    /**
     * Finds the cut a plain file needs; empty when it ends with a complete record.
     *
     * @param size the file's size
     */
    static Optional<Cut> ofText(FileChannel file, long size, Units units, RecordEnds ends) throws IOException {
        if (size == 0) {
            return Optional.empty();
        }
        long end = ends.csv() ? TextTail.lastCsvRecordEnd(file, size, units, ends)
                : TextTail.lastLineEnd(file, size, units);
        return end == size ? Optional.empty()
                : Optional.of(new Cut(end, size - end, ends.csv() ? "a torn last record" : "a torn last line"));
    }

    /**
     * Finds the cut a gzip file needs; empty when it ends with a complete member.
     *
     * @throws FileIOException when the file cannot be repaired by a cut at its end
     */
    static Optional<Cut> ofGzip(Path path, FileChannel file, long size) throws IOException {
        if (size == 0) {
            return Optional.empty();
        }
        GzipTail.Members members = GzipTail.scan(file, size);
        long end = members.validEnd();
        if (end == size) {
            return Optional.empty();
        }
        if (members.nextMember() >= 0) {
            long next = members.nextMember();
            throw new FileIOException("cannot append to '" + path + "': bytes " + end + " to " + next + " are not a"
                    + " complete gzip member, and complete gzip members follow them, so readers (zcat, gzip -t, the"
                    + " files sources) stop at byte " + end + "; cutting the file there would lose those members"
                    + " (an earlier version appended behind a torn member); remove the damaged bytes, for example"
                    + " with  head -c " + end + " FILE > FIXED && tail -c +" + (next + 1) + " FILE >> FIXED , or write"
                    + " to another file");
        }
        boolean member = startsLikeGzipAt(file, size, end);
        if (end == 0 && !member) {
            throw new FileIOException("cannot append to '" + path + "': it is not a gzip file (it starts with bytes "
                    + head(file, size) + "), but this sink writes gzip (\"compression\" is \"gzip\", or \"auto\""
                    + " with a path that ends in .gz); set \"compression\" to \"none\" to append plain text, or"
                    + " write to another file");
        }
        return Optional.of(new Cut(end, size - end, member ? "a torn gzip member"
                : "bytes after the last complete gzip member"));
    }

    /** Tells whether the bytes at {@code offset} are the start of a gzip header, as far as the file goes. */
    private static boolean startsLikeGzipAt(FileChannel file, long size, long offset) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(3, size - offset));
        while (head.hasRemaining() && file.read(head, offset + head.position()) >= 0) {
            // Positional reads may return fewer bytes than asked.
        }
        byte[] expected = {0x1f, (byte) 0x8b, 8};
        for (int i = 0; i < head.position(); i++) {
            if (head.get(i) != expected[i]) {
                return false;
            }
        }
        return head.position() > 0;
    }

    private static String head(FileChannel file, long size) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 8));
        file.read(head, 0);
        return HexFormat.ofDelimiter(" ").formatHex(head.array(), 0, head.position());
    }
}
