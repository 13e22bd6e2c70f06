package dev.patchbay.host.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.BiConsumer;

/** For tests outside this package: {@link AtomicFiles} that shows each new content just before its rename. */
public final class ObservedAtomicFiles {

    private ObservedAtomicFiles() {
    }

    /** Calls {@code beforeRename} with the target and its new content, already forced to disk, then renames. */
    public static AtomicFiles observing(BiConsumer<Path, byte[]> beforeRename) {
        return new AtomicFiles((from, to) -> {
            beforeRename.accept(to, readAll(from));
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        });
    }

    private static byte[] readAll(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
