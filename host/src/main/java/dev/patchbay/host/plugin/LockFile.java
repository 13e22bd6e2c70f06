package dev.patchbay.host.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The content of {@code config/plugins.lock}: the SHA-256 of every archive in the plugins folder, and of every
 * {@code lib/} jar of a zip or folder plugin, keyed by file name. Entries are sorted by file name and libraries by
 * name, so that the same folder always gives the same lockfile, byte for byte ({@link LockFileJson}).
 *
 * @param archives one entry per archive, at most one per file name
 */
public record LockFile(List<Entry> archives) {

    /** The format version written in the file; a reader refuses any other. */
    public static final int FORMAT = 1;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public LockFile {
        List<Entry> sorted = new ArrayList<>(archives);
        sorted.sort(Comparator.comparing(Entry::file));
        Set<String> files = new HashSet<>();
        for (Entry entry : sorted) {
            if (!files.add(entry.file())) {
                throw new IllegalArgumentException("the lockfile lists the archive '" + entry.file() + "' twice");
            }
        }
        archives = List.copyOf(sorted);
    }

    /** A lockfile that locks nothing. */
    public static LockFile empty() {
        return new LockFile(List.of());
    }

    /** The entry of the archive with this file name in the plugins folder. */
    public Optional<Entry> entry(String file) {
        return archives.stream().filter(entry -> entry.file().equals(file)).findFirst();
    }

    /** This lockfile with these entries added, each replacing any entry of the same file name. */
    public LockFile with(Collection<Entry> added) {
        Set<String> replaced = new HashSet<>();
        added.forEach(entry -> replaced.add(entry.file()));
        List<Entry> next = new ArrayList<>(archives.stream().filter(e -> !replaced.contains(e.file())).toList());
        next.addAll(added);
        return new LockFile(next);
    }

    /** This lockfile without the entries of these file names. */
    public LockFile without(Collection<String> files) {
        Set<String> gone = Set.copyOf(files);
        return new LockFile(archives.stream().filter(entry -> !gone.contains(entry.file())).toList());
    }

    /**
     * One locked archive.
     *
     * @param file the archive's file name in the plugins folder, such as {@code files-1.1.0.jar}
     * @param id the {@code Plugin-Id} of its manifest, empty when it has none (for the operator; not checked)
     * @param version the {@code Plugin-Version}, empty when it has none (for the operator; not checked)
     * @param sha256 the archive's digest, lower-case hex ({@link ArchiveDigest#of}: a folder plugin's digest covers
     *        every file in it)
     * @param libs the {@code lib/*.jar} of a zip or folder plugin, so that a difference names the jar that differs
     */
    public record Entry(String file, String id, String version, String sha256, List<Lib> libs) {
        public Entry {
            requireName(file, "file");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(version, "version");
            requireSha256(sha256, file);
            List<Lib> sorted = new ArrayList<>(libs);
            sorted.sort(Comparator.comparing(Lib::name));
            libs = List.copyOf(sorted);
        }

        /** The library of this name, such as {@code lib/commons-csv-1.10.jar}. */
        public Optional<Lib> lib(String name) {
            return libs.stream().filter(lib -> lib.name().equals(name)).findFirst();
        }
    }

    /**
     * One {@code lib/} jar of a zip or folder plugin.
     *
     * @param name its path inside the plugin, such as {@code lib/commons-csv-1.10.jar}
     * @param sha256 its digest, lower-case hex
     */
    public record Lib(String name, String sha256) {
        public Lib {
            requireName(name, "name");
            requireSha256(sha256, name);
        }
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a lockfile entry's " + what + " must be a non-empty string, but is "
                    + (value == null ? "missing" : "\"" + value + "\""));
        }
    }

    private static void requireSha256(String sha256, String of) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("the SHA-256 of '" + of + "' must be 64 lower-case hex digits, but is "
                    + (sha256 == null ? "missing" : "\"" + sha256 + "\""));
        }
    }
}
