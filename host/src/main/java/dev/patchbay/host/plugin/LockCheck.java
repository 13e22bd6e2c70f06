package dev.patchbay.host.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares each archive with the lockfile ({@code plugins.lock} warn or enforce): an archive that is not in it is
 * {@link ProblemCode#NOT_LOCKED}, one whose SHA-256 differs is {@link ProblemCode#LOCK_MISMATCH}, naming the lib/
 * jar that differs. Under enforce these refuse the archive, under warn they are warnings. A missing or unreadable
 * lockfile makes every archive NOT_LOCKED, with the reason and the fix.
 *
 * <p>The lockfile is read once and kept until its modification time, size or file key changes (an atomic rewrite by
 * {@code plugins lock} or {@code install} gives it a new file key), so a long-lived platform sees a lock that an
 * install updated, and discovery of many archives reads it once. Thread-safe.
 */
final class LockCheck implements ArchiveCheck {

    private static final String FIX = "if the change is meant, install the archive with `patchbay plugins install`"
            + " or lock the plugins folder again with `patchbay plugins lock`; otherwise restore the locked archive";

    private final ArchivePolicy.LockMode mode;
    private final Path lockFile;
    private final Object guard = new Object();
    private Loaded loaded;

    /** The lockfile as last read: its stamp, and the lock or why it is unusable. */
    private record Loaded(Optional<List<Object>> stamp, LockFile lock, String unusable) {
    }

    LockCheck(ArchivePolicy.LockMode mode, Path lockFile) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.lockFile = Objects.requireNonNull(lockFile, "lockFile");
        if (mode == ArchivePolicy.LockMode.OFF) {
            throw new IllegalArgumentException("a lock check needs plugins.lock warn or enforce, not off");
        }
    }

    @Override
    public Findings check(Path archive) {
        List<Problem> problems = problems(archive);
        return mode == ArchivePolicy.LockMode.ENFORCE ? new Findings(problems, List.of(), List.of())
                : new Findings(List.of(), problems, List.of());
    }

    private List<Problem> problems(Path archive) {
        String file = archive.getFileName().toString();
        Loaded current = current();
        if (current.unusable() != null) {
            return List.of(new Problem(ProblemCode.NOT_LOCKED, "plugin archive '" + file
                    + "' cannot be checked against the lockfile: " + current.unusable()));
        }
        String actual;
        try {
            actual = ArchiveDigest.of(archive);
        } catch (IOException e) {
            return List.of(new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin archive '" + file + "' cannot be checked"
                    + " against the lockfile '" + lockFile + "': " + e.getMessage() + "; check the file is readable"));
        }
        Optional<LockFile.Entry> entry = current.lock().entry(file);
        if (entry.isEmpty()) {
            return List.of(new Problem(ProblemCode.NOT_LOCKED, "plugin archive '" + file + "' (SHA-256 " + actual
                    + ") is not in the lockfile '" + lockFile + "'; install archives with `patchbay plugins install`,"
                    + " which adds them to the lock, or lock the plugins folder as it is with `patchbay plugins lock`;"
                    + " otherwise remove the file"));
        }
        if (entry.get().sha256().equals(actual)) {
            return List.of();
        }
        return differences(archive, entry.get(), actual);
    }

    private List<Problem> differences(Path archive, LockFile.Entry entry, String actual) {
        String differs = "plugin archive '" + entry.file() + "' differs from the lockfile '" + lockFile
                + "': expected SHA-256 " + entry.sha256() + ", actual " + actual;
        List<LockFile.Lib> libs;
        try {
            libs = ArchiveLocking.libs(archive);
        } catch (IOException e) {
            return List.of(new Problem(ProblemCode.LOCK_MISMATCH, differs + " (its lib/ jars cannot be read: "
                    + e.getMessage() + "); " + FIX));
        }
        List<Problem> problems = new ArrayList<>();
        for (LockFile.Lib lib : libs) {
            Optional<LockFile.Lib> locked = entry.lib(lib.name());
            if (locked.isEmpty()) {
                problems.add(new Problem(ProblemCode.NOT_LOCKED, differs + ": its lib/ jar '" + lib.name()
                        + "' (SHA-256 " + lib.sha256() + ") is not in the lockfile; " + FIX));
            } else if (!locked.get().sha256().equals(lib.sha256())) {
                problems.add(new Problem(ProblemCode.LOCK_MISMATCH, differs + ": its lib/ jar '" + lib.name()
                        + "' differs, expected SHA-256 " + locked.get().sha256() + ", actual " + lib.sha256() + "; "
                        + FIX));
            }
        }
        for (LockFile.Lib locked : entry.libs()) {
            if (libs.stream().noneMatch(lib -> lib.name().equals(locked.name()))) {
                problems.add(new Problem(ProblemCode.LOCK_MISMATCH, differs + ": its locked lib/ jar '"
                        + locked.name() + "' (SHA-256 " + locked.sha256() + ") is missing; " + FIX));
            }
        }
        if (problems.isEmpty()) {
            String where = entry.libs().isEmpty() && libs.isEmpty() ? "" : " (its lib/ jars match; a class, resource"
                    + " or the manifest differs)";
            problems.add(new Problem(ProblemCode.LOCK_MISMATCH, differs + where + "; " + FIX));
        }
        return problems;
    }

    private Loaded current() {
        Optional<List<Object>> stamp = stamp();
        synchronized (guard) {
            if (loaded == null || !loaded.stamp().equals(stamp)) {
                loaded = load(stamp);
            }
            return loaded;
        }
    }

    private Loaded load(Optional<List<Object>> stamp) {
        try {
            return new Loaded(stamp, LockFileJson.read(lockFile), null);
        } catch (LockFileJson.UnreadableLockFile e) {
            return new Loaded(stamp, LockFile.empty(), e.getMessage());
        }
    }

    private Optional<List<Object>> stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(lockFile, BasicFileAttributes.class);
            List<Object> stamp = new ArrayList<>();
            stamp.add(attributes.lastModifiedTime());
            stamp.add(attributes.size());
            stamp.add(String.valueOf(attributes.fileKey()));
            return Optional.of(stamp);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // Unreadable attributes: read the file every time, so its own error is reported.
            return Optional.of(List.of(e.toString(), System.nanoTime()));
        }
    }
}
