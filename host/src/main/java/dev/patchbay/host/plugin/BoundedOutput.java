package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a child process's output to its end, keeping only the first {@code limit} bytes, so that a child that
 * prints without end can neither block on a full pipe nor fill this process's memory. Run it on a thread of its
 * own; {@link #text()} may be read at any time.
 */
final class BoundedOutput implements Runnable {

    private final InputStream in;
    private final byte[] kept;
    private int size;
    private long dropped;
    private String readError;

    BoundedOutput(InputStream in, int limit) {
        this.in = in;
        this.kept = new byte[limit];
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (InputStream stream = in) {
            int n;
            while ((n = stream.read(buffer)) >= 0) {
                keep(buffer, n);
            }
        } catch (IOException e) {
            // The pipe breaks when the child is killed; what was read so far is what there is to quote.
            synchronized (this) {
                readError = e.toString();
            }
        }
    }

    private synchronized void keep(byte[] buffer, int n) {
        int room = Math.min(n, kept.length - size);
        System.arraycopy(buffer, 0, kept, size, room);
        size += room;
        dropped += n - room;
    }

    /** What was kept, as UTF-8, with a note of how much more there was; {@code (no output)} when nothing. */
    synchronized String text() {
        if (size == 0 && dropped == 0 && readError == null) {
            return "(no output)";
        }
        String text = new String(Arrays.copyOf(kept, size), StandardCharsets.UTF_8).strip();
        String more = dropped == 0 ? text : text + " [... " + dropped + " more bytes not shown]";
        return readError == null ? more : more + " [reading stopped: " + readError + "]";
    }
}
