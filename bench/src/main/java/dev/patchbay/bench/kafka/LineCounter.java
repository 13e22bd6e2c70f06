package dev.patchbay.bench.kafka;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts the complete lines of a file that a running sink is appending to, reading only the bytes added since the
 * last call, so that polling a million-line output every few milliseconds costs the benchmark little CPU. A file
 * that does not exist yet holds no lines. Not thread-safe: one poller owns it.
 */
final class LineCounter {

    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private long offset;
    private long lines;

    LineCounter(Path file) {
        this.file = file;
    }

    /** The complete lines in the file now. */
    long lines() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < offset) {
                throw new IOException(file + " shrank from " + offset + " to " + size
                        + " bytes while it was counted; a benchmark output must only grow (is another run writing it?)");
            }
            while (offset < size) {
                buffer.clear();
                int read = channel.read(buffer, offset);
                if (read <= 0) {
                    break;
                }
                for (int i = 0; i < read; i++) {
                    if (buffer.get(i) == '\n') {
                        lines++;
                    }
                }
                offset += read;
            }
            return lines;
        } catch (NoSuchFileException e) {
            if (offset > 0) {
                throw new IOException(file + " disappeared after " + offset + " bytes were counted", e);
            }
            return 0;
        }
    }

    /** The file, for messages. */
    Path file() {
        return file;
    }
}
