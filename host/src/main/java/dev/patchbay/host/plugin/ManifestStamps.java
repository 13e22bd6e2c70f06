package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the manifests of plugin archive files say about ids and dependencies, by path and stamp (size, modification time to the nanosecond, file key),
 * kept in one file across runs, so that the manifest pass before a selective start (see {@link ManifestPass}) reads
 * only the archives that changed. It decides nothing about a plugin: it only tells which archives a start needs
 * before the pipelines run; every archive is still discovered in full, from its own bytes, with every check. An
 * archive whose stamp differs is read again; folders are never remembered (their stamp does not follow their
 * content). A cache file that does not parse, or lacks its end line, is ignored and rewritten.
 *
 * <p>Thread-safety: {@link #manifest} may be called from several threads; {@link #save} once they are done.
 */
final class ManifestStamps {

    private static final Logger log = LoggerFactory.getLogger(ManifestStamps.class);
    private static final String FORMAT = "patchbay-manifests 2";
    private static final String END = "end";

    /** What a selective start needs from a manifest: the plugin's id and the ids it depends on. */
    record Facts(String id, List<String> dependencies) {
        Facts {
            Objects.requireNonNull(id, "id");
            dependencies = List.copyOf(dependencies);
        }

        static Facts of(PluginManifest manifest) {
            return new Facts(manifest.id(), manifest.dependencies().stream().map(PluginDependency::pluginId).toList());
        }
    }

    private record Stamp(long size, long modifiedNanos, String fileKey) {
    }

    private record Entry(Stamp stamp, Facts facts) {
    }

    private final Optional<Path> file;
    private final Function<Path, Optional<PluginManifest>> reader;
    private final Map<Path, Entry> remembered;
    private final Map<Path, Entry> seen = new ConcurrentHashMap<>();

    /**
     * @param file where the stamps persist across runs, such as {@code <state>/cache/manifests}, or empty to keep
     *        none
     * @param reader reads the manifest of an archive whose stamp is new or changed; empty when it cannot, or the
     *        manifest names no id
     */
    ManifestStamps(Optional<Path> file, Function<Path, Optional<PluginManifest>> reader) {
        this.file = Objects.requireNonNull(file, "file");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.remembered = file.map(ManifestStamps::load).orElseGet(Map::of);
    }

    /** The archive's facts, from the cache when its stamp is unchanged; empty when its manifest is unusable. */
    Optional<Facts> facts(Path archive) {
        Optional<Stamp> stamp = stamp(archive);
        if (stamp.isPresent()) {
            Entry known = remembered.get(archive);
            if (known != null && known.stamp().equals(stamp.get())) {
                seen.put(archive, known);
                return Optional.of(known.facts());
            }
        }
        Optional<Facts> facts = reader.apply(archive).map(Facts::of);
        // An unusable manifest is not remembered: the archive is discovered at once, and read again next time.
        facts.ifPresent(found -> stamp.ifPresent(s -> seen.put(archive, new Entry(s, found))));
        return facts;
    }

    /** Writes the stamps of the archives read since construction, if they differ from the file's; best effort. */
    void save() {
        if (file.isEmpty() || sameAsRemembered()) {
            return;
        }
        Path target = file.get();
        List<String> lines = new ArrayList<>();
        lines.add(FORMAT);
        Base64.Encoder base64 = Base64.getEncoder();
        seen.forEach((path, entry) -> lines.add(String.join("\t", encode(base64, path.toString()),
                Long.toString(entry.stamp().size()), Long.toString(entry.stamp().modifiedNanos()),
                encode(base64, entry.stamp().fileKey()), encode(base64, entry.facts().id()),
                encode(base64, String.join(",", entry.facts().dependencies())))));
        lines.add(END);
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try {
                Files.write(temporary, lines, StandardCharsets.UTF_8);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | UncheckedIOException e) {
            // Only the next start's speed depends on it: say so and go on.
            log.warn("cannot write the plugin manifest cache {} ({}); the next start reads every manifest again",
                    target, e.toString());
        }
    }

    private boolean sameAsRemembered() {
        if (seen.size() != remembered.size()) {
            return false;
        }
        for (Map.Entry<Path, Entry> entry : seen.entrySet()) {
            Entry known = remembered.get(entry.getKey());
            if (known != entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The archives whose manifest came from the cache, for tests. */
    Collection<Path> remembered() {
        return remembered.keySet();
    }

    private static Optional<Stamp> stamp(Path archive) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(archive, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new Stamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    String.valueOf(attributes.fileKey())));
        } catch (IOException e) {
            // The reader reports what is wrong with the archive.
            return Optional.empty();
        }
    }

    private static String encode(Base64.Encoder base64, String text) {
        return base64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(Base64.Decoder base64, String field) {
        return new String(base64.decode(field), StandardCharsets.UTF_8);
    }

    private static Map<Path, Entry> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).equals(FORMAT) || !lines.get(lines.size() - 1).equals(END)) {
                throw new IOException("not a complete " + FORMAT + " file");
            }
            Base64.Decoder base64 = Base64.getDecoder();
            Map<Path, Entry> entries = new HashMap<>();
            for (String line : lines.subList(1, lines.size() - 1)) {
                String[] fields = line.split("\t", -1);
                if (fields.length != 6) {
                    throw new IOException("a line has " + fields.length + " fields instead of 6");
                }
                String dependencies = decode(base64, fields[5]);
                entries.put(Path.of(decode(base64, fields[0])), new Entry(new Stamp(Long.parseLong(fields[1]),
                        Long.parseLong(fields[2]), decode(base64, fields[3])), new Facts(decode(base64, fields[4]),
                        dependencies.isEmpty() ? List.of() : List.of(dependencies.split(",")))));
            }
            return Map.copyOf(entries);
        } catch (IOException | RuntimeException e) {
            log.debug("ignoring the plugin manifest cache {} ({}); it is rewritten", file, e.toString());
            return Map.of();
        }
    }
}
