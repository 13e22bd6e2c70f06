package dev.patchbay.host.pipeline;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Prints "free" if this JVM can lock the file given (and lets it go at once), else "held". For HomeLockTest. */
public final class LockProbeMain {

    private LockProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            System.out.println(lock == null ? "held" : "free");
        }
    }
}
