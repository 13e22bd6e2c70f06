package dev.patchbay.host.cli;

import dev.patchbay.host.config.AtomicFiles;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.plugin.ArchiveLocking;
import dev.patchbay.host.plugin.ArchivePolicy;
import dev.patchbay.host.plugin.LockFile;
import dev.patchbay.host.plugin.LockFileJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A home's {@code config/plugins.lock} as the commands that change the plugins folder keep it: read, then replaced
 * atomically ({@link AtomicFiles}), with the previous bytes kept so that a failed install can put them back.
 */
final class HomeLockFile {

    private final Path file;
    private final AtomicFiles files;
    private final Optional<byte[]> previous;

    private HomeLockFile(Path file, AtomicFiles files, Optional<byte[]> previous) {
        this.file = file;
        this.files = files;
        this.previous = previous;
    }

    /** The home's lockfile, with its content as it is now (none if it does not exist). */
    static HomeLockFile of(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Optional<byte[]> content = Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        return new HomeLockFile(file, new AtomicFiles(), content);
    }

    /** Whether {@code install} and {@code remove} keep the lockfile current: {@code plugins.lock} warn or enforce. */
    static boolean kept(PatchbayConfig config) {
        return config.archivePolicy().lock() != ArchivePolicy.LockMode.OFF;
    }

    Path file() {
        return file;
    }

    boolean exists() {
        return previous.isPresent();
    }

    /** The lock as it was read, never read again, so what is written builds on what was checked; empty if none. */
    LockFile lock() throws LockFileJson.UnreadableLockFile {
        return previous.isEmpty() ? LockFile.empty() : LockFileJson.parse(previous.get(), file);
    }

    /** Replaces the file with this lock, atomically; a crash leaves the old or the new content. */
    void write(LockFile lock) throws IOException {
        files.write(file, LockFileJson.bytes(lock));
    }

    /** Puts the content back as it was read, or deletes the file if there was none. */
    void restore() throws IOException {
        if (previous.isPresent()) {
            files.write(file, previous.get());
        } else {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The lockfile an install keeps current. A broken one stops the install before anything changes, since rewriting
     * it would drop the entries it cannot read; a missing one is started afresh.
     */
    static HomeLockFile forInstall(Path file, PrintWriter err) {
        try {
            HomeLockFile lock = HomeLockFile.of(file);
            lock.lock();
            if (!lock.exists()) {
                err.println("warning: there is no lockfile " + file + " yet; this install writes it with"
                        + " the new archives only, so run `patchbay plugins lock` to lock the installed ones too");
                err.flush();
            }
            return lock;
        } catch (LockFileJson.UnreadableLockFile e) {
            throw new UsageException("cannot keep the lockfile current: " + e.getMessage() + "; nothing was"
                    + " installed");
        } catch (IOException e) {
            throw new UsageException("cannot read the lockfile " + file + ": " + e + "; check its permissions;"
                    + " nothing was installed");
        }
    }

    /**
     * Moves the verified archives in. With the lock on, the new lockfile (the old entries, those of the archives
     * --replace deletes dropped, the new archives added) is written first, so that a watching host never sees a new
     * archive that is not locked yet; it is put back if a move fails. The entries of installed archives are kept as
     * they were, never recomputed: an install must not bless a tampered archive that happens to be in the folder.
     */
    List<Path> moveIn(ArchiveStaging staging, List<Path> staged, Path plugins, Set<Path> leaving) {
        try {
            List<LockFile.Entry> entries = new ArrayList<>();
            ArchiveLocking locking = new ArchiveLocking();
            for (Path archive : staged) {
                entries.add(locking.entry(archive));
            }
            write(lock().without(leaving.stream().map(path -> path.getFileName().toString()).toList())
                    .with(entries));
        } catch (IOException | LockFileJson.UnreadableLockFile e) {
            throw new UncheckedIOException("cannot add the new archives to the lockfile " + file + ": "
                    + e.getMessage() + "; nothing was installed", e instanceof IOException io ? io
                            : new IOException(e));
        }
        try {
            return staging.moveAll(staged, plugins);
        } catch (RuntimeException e) {
            try {
                restore();
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
    }
}
