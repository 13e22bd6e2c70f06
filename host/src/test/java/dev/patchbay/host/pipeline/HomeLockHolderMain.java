package dev.patchbay.host.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * A JVM that holds a home lock for {@link HomeLockTest} until its standard input closes. Arguments: the state
 * directory, then {@code lock} (through {@link HomeLock}, as {@code run} does) or {@code raw CONTENT} (a bare
 * file lock on the lock file, which then holds CONTENT: a corrupt or empty lock file). Prints LOCKED on
 * standard output once the lock is held.
 */
public final class HomeLockHolderMain {

    private HomeLockHolderMain() {
    }

    @SuppressWarnings("try") // the locks are resources held only for their close()
    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        if (args[1].equals("lock")) {
            try (HomeLock lock = HomeLock.acquire(state, HomeLock.Holder.current(Clock.systemUTC(), "patchbay run"))) {
                holdUntilStdinCloses();
            }
        } else {
            Files.createDirectories(state);
            try (FileChannel channel = FileChannel.open(state.resolve(HomeLock.FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(args[2].getBytes(StandardCharsets.UTF_8)), 0);
                holdUntilStdinCloses();
            }
        }
    }

    private static void holdUntilStdinCloses() throws IOException {
        System.out.println("LOCKED");
        System.out.flush();
        while (System.in.read() != -1) {
            // Hold the lock until the test closes our standard input (or the process is killed).
        }
    }
}
