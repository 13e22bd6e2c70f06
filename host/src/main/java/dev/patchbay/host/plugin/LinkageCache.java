package dev.patchbay.host.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery part's results by archive digest, api version, JDK version and file name, so that an unchanged
 * archive is checked once: in memory for the platform's life (rescans, reloads), and, when given a folder, in one
 * file per archive there so that the next run does not check it again. An entry holds its inputs and is used only
 * when they all match; an entry that does not parse, or does not end with its end line, is ignored and rewritten.
 * Entries are written to a temporary file and moved into place, so a reader never sees half of one. Thread-safe.
 */
final class LinkageCache {

    private static final Logger log = LoggerFactory.getLogger(LinkageCache.class);
    private static final String FORMAT = "patchbay-linkage 1";
    private static final String END = "end";

    /** What a result depends on besides the check's own code, whose changes bump {@link #FORMAT}. */
    record Key(String digest, String apiVersion, String jdkVersion, String file) {
        Key {
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(apiVersion, "apiVersion");
            Objects.requireNonNull(jdkVersion, "jdkVersion");
            Objects.requireNonNull(file, "file");
        }

        private List<String> lines() {
            return List.of(FORMAT, "digest " + digest, "api " + apiVersion, "jdk " + jdkVersion, "file " + file);
        }
    }

    private final Optional<Path> folder;
    private final ConcurrentMap<Key, PluginLinkage.Result> memory = new ConcurrentHashMap<>();

    /** @param folder where entries persist across runs, or empty to keep them in memory only */
    LinkageCache(Optional<Path> folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    /** Whether entries are kept in a folder; the platform caches only then (see {@link PluginLinkage#key}). */
    boolean persists() {
        return folder.isPresent();
    }

    Optional<PluginLinkage.Result> get(Key key) {
        PluginLinkage.Result known = memory.get(key);
        if (known != null || folder.isEmpty()) {
            return Optional.ofNullable(known);
        }
        Path file = entry(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Optional<PluginLinkage.Result> read = parse(key, Files.readAllLines(file, StandardCharsets.UTF_8));
            if (read.isEmpty()) {
                log.warn("Ignoring the linkage cache entry {}: it is damaged or for other inputs; checking '{}' again"
                        + " and rewriting it", file, key.file());
            }
            read.ifPresent(result -> memory.put(key, result));
            return read;
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring the unreadable linkage cache entry {} ({}); checking '{}' again and rewriting it", file,
                    e.toString(), key.file());
            return Optional.empty();
        }
    }

    void put(Key key, PluginLinkage.Result result) {
        memory.put(key, result);
        if (folder.isEmpty()) {
            return;
        }
        Path file = entry(key);
        try {
            Files.createDirectories(folder.get());
            Path partial = Files.createTempFile(folder.get(), ".entry-", ".tmp");
            Files.write(partial, format(key, result), StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Cannot write the linkage cache entry {} ({}); the next run checks '{}' again; make the folder"
                    + " writable or remove it", file, e.toString(), key.file());
        }
    }

    private Path entry(Key key) {
        String name = key.digest() + "-" + (key.apiVersion() + "-" + key.jdkVersion()).replaceAll("[^A-Za-z0-9.-]", "_")
                + ".txt";
        return folder.orElseThrow().resolve(name);
    }

    static List<String> format(Key key, PluginLinkage.Result result) {
        List<String> lines = new ArrayList<>(key.lines());
        result.problems().forEach(p -> lines.add("problem " + p.code().name() + " " + escape(p.message())));
        result.warnings().forEach(p -> lines.add("warning " + p.code().name() + " " + escape(p.message())));
        result.deferred().classes().forEach((name, referrers) -> lines.add("class " + name + " "
                + String.join(" ", referrers)));
        result.deferred().members().forEach((m, referrers) -> lines.add("member " + (m.field() ? "field"
                : m.onInterface() ? "imethod" : "method") + " " + m.owner() + " " + m.name() + " " + m.descriptor() + " "
                + String.join(" ", referrers)));
        lines.add(END);
        return lines;
    }

    /** The result the lines hold, or empty when they are damaged or were written for other inputs. */
    static Optional<PluginLinkage.Result> parse(Key key, List<String> lines) {
        List<String> header = key.lines();
        if (lines.size() < header.size() + 1 || !lines.subList(0, header.size()).equals(header)
                || !lines.get(lines.size() - 1).equals(END)) {
            return Optional.empty();
        }
        List<Problem> problems = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        Map<String, Set<String>> classes = new LinkedHashMap<>();
        Map<ClassReferences.MemberRef, Set<String>> members = new LinkedHashMap<>();
        for (String line : lines.subList(header.size(), lines.size() - 1)) {
            String[] parts = line.split(" ", 3);
            if (parts.length < 3) {
                return Optional.empty();
            }
            switch (parts[0]) {
                case "problem" -> problems.add(new Problem(ProblemCode.valueOf(parts[1]), unescape(parts[2])));
                case "warning" -> warnings.add(new Problem(ProblemCode.valueOf(parts[1]), unescape(parts[2])));
                case "class" -> classes.put(parts[1], new LinkedHashSet<>(List.of(parts[2].split(" "))));
                case "member" -> {
                    String[] member = parts[2].split(" ");
                    if (member.length < 4) {
                        return Optional.empty();
                    }
                    members.put(new ClassReferences.MemberRef(parts[1].equals("field"), parts[1].equals("imethod"),
                            member[0], member[1], member[2]), new LinkedHashSet<>(List.of(member).subList(3,
                            member.length)));
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new PluginLinkage.Result(problems, warnings, new LinkageCheck.Deferred(classes, members)));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
