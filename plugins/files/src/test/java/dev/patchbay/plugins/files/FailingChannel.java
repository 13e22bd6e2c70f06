package dev.patchbay.plugins.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel that behaves like a file system running out of space: it writes the first {@code budget}
 * bytes, a short write when a buffer crosses the budget (as write(2) does), and then fails every write, and
 * every force after a failed write, with "No space left on device". Everything else goes to the real channel.
 */
final class FailingChannel extends FileChannel {

    static final String ENOSPC = "No space left on device";

    private final FileChannel file;
    private long budget;
    private boolean failed;

    FailingChannel(FileChannel file, long budget) {
        this.file = file;
        this.budget = budget;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (budget <= 0 && src.hasRemaining()) {
            failed = true;
            throw new IOException(ENOSPC);
        }
        int allowed = (int) Math.min(src.remaining(), budget);
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + allowed);
        int written = file.write(part);
        src.position(src.position() + written);
        budget -= written;
        return written;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long written = 0;
        for (int i = offset; i < offset + length; i++) {
            written += write(srcs[i]);
        }
        return written;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        throw new UnsupportedOperationException("positional writes are not used by FileOutput");
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (failed) {
            throw new IOException(ENOSPC);
        }
        file.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return file.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        file.truncate(size);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new UnsupportedOperationException("transfers are not used by FileOutput");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
