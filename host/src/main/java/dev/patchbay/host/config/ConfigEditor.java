package dev.patchbay.host.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Edits the {@code plugins.enabled} and {@code plugins.disabled} lists of the configuration file for
 * {@code patchbay plugins enable|disable}. Only the array that changes is rewritten, or inserted where it is
 * missing ({@link SelectionText}); every other byte of the file is kept, comments aside (the file has none:
 * it is strict JSON), including indentation, key order, line endings and a leading byte-order mark. The file
 * is replaced atomically.
 *
 * <p>Enabling removes the id from {@code disabled} and, when an {@code enabled} allowlist exists, adds
 * it there. Disabling adds the id to {@code disabled} and removes it from {@code enabled}, since an id in
 * both lists is a configuration error.
 */
public final class ConfigEditor {

    private static final String BOM = "\uFEFF";
    private static final String ENABLED = "enabled";
    private static final String DISABLED = "disabled";

    private final ConfigReader reader;
    private final AtomicFiles files;
    private final ObjectMapper mapper = new ObjectMapper();

    public ConfigEditor(ConfigReader reader, AtomicFiles files) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.files = Objects.requireNonNull(files, "files");
    }

    /** What an edit did, for the command's output. */
    public record Outcome(boolean changed, List<String> notes) {
        public Outcome {
            notes = List.copyOf(notes);
        }
    }

    /**
     * Enables a plugin: an id enables every version, {@code id@version} that one version.
     *
     * @param knownIds the ids of the plugins installed in the plugins folder, and an {@code id@version} entry for
     *                 each installed archive
     * @throws UnknownPluginException if {@code id} is not among {@code knownIds}
     * @throws ConfigException if the current file is not a valid configuration
     */
    public Outcome enable(ConfigSource source, String id, Set<String> knownIds) {
        requireKnown(id, knownIds);
        Document document = load(source);
        List<String> notes = new ArrayList<>();
        String plain = plainId(id);
        Optional<List<String>> enabled = document.list(ENABLED);
        if (enabled.isEmpty() || enabled.get().isEmpty()) {
            notes.add("plugins.enabled is empty, so every installed plugin that is not disabled is loaded");
        } else if (!enabled.get().contains(id) && !enabled.get().contains(plain)) {
            document.set(ENABLED, append(enabled.get(), id));
        }
        document.list(DISABLED).ifPresent(disabled -> {
            List<String> rest = plain.equals(id) ? disabled.stream().filter(e -> !plainId(e).equals(plain)).toList()
                    : withOneVersionOut(disabled, id, plain, knownIds);
            if (!rest.equals(disabled)) {
                document.set(DISABLED, rest);
            }
        });
        return save(source, document, notes);
    }

    /**
     * Disables a plugin: an id disables every version, {@code id@version} that one version.
     *
     * @param knownIds as for {@link #enable}
     * @throws UnknownPluginException if {@code id} is not among {@code knownIds}
     * @throws ConfigException if the current file is not a valid configuration
     */
    public Outcome disable(ConfigSource source, String id, Set<String> knownIds) {
        requireKnown(id, knownIds);
        Document document = load(source);
        List<String> notes = new ArrayList<>();
        String plain = plainId(id);
        List<String> disabled = document.list(DISABLED).orElse(List.of());
        if (!disabled.contains(id) && !disabled.contains(plain)) {
            // An id disables every version: the version entries it covers go.
            List<String> rest = plain.equals(id) ? disabled.stream().filter(e -> !plainId(e).equals(plain)).toList()
                    : disabled;
            document.set(DISABLED, append(rest, id));
        }
        document.list(ENABLED).ifPresent(enabled -> {
            List<String> rest = plain.equals(id) ? enabled.stream().filter(e -> !plainId(e).equals(plain)).toList()
                    : without(enabled, id);
            if (!rest.equals(enabled)) {
                document.set(ENABLED, rest);
                if (rest.isEmpty()) {
                    notes.add("plugins.enabled is now empty, which means every installed plugin that is not "
                            + "disabled is loaded; list the plugins to keep in plugins.enabled if that is not what "
                            + "you want");
                }
            }
        });
        return save(source, document, notes);
    }

    /** The plugin id of an entry: the id itself, or the part of {@code id@version} before the {@code @}. */
    static String plainId(String entry) {
        int at = entry.indexOf('@');
        return at < 0 ? entry : entry.substring(0, at);
    }

    /**
     * The disabled list with one version enabled: its entry goes, and a disable of the whole id becomes a disable of
     * each other installed version, so that only this version comes back.
     */
    private static List<String> withOneVersionOut(List<String> disabled, String entry, String plain,
            Set<String> knownIds) {
        List<String> rest = new ArrayList<>(without(disabled, entry));
        if (rest.remove(plain)) {
            knownIds.stream().filter(known -> !known.equals(entry) && plainId(known).equals(plain)
                    && !known.equals(plain) && !rest.contains(known)).sorted().forEach(rest::add);
        }
        return rest;
    }

    private static void requireKnown(String id, Set<String> knownIds) {
        Objects.requireNonNull(id, "id");
        if (!knownIds.contains(id)) {
            throw new UnknownPluginException(id, knownIds);
        }
    }

    private static List<String> append(List<String> ids, String id) {
        List<String> more = new ArrayList<>(ids);
        more.add(id);
        return more;
    }

    private static List<String> without(List<String> ids, String id) {
        return ids.stream().filter(other -> !other.equals(id)).toList();
    }

    // Validates the whole file first, so an edit never builds on (or hides) a broken configuration.
    private Document load(ConfigSource source) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source.file());
        } catch (NoSuchFileException e) {
            return new Document("", "{}\n", JsonNodeFactory.instance.objectNode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration file '" + source.file() + "' (" + e
                    + "); check that it is a regular file readable by this user", e);
        }
        String text = ConfigText.decode(source.file(), bytes);
        // The byte-order mark is not JSON: it is set aside, and written back in front of the edited text.
        String bom = text.startsWith(BOM) ? BOM : "";
        String body = text.substring(bom.length());
        reader.parse(source, body);
        try {
            return new Document(bom, body, (ObjectNode) mapper.readTree(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the configuration file " + source.file()
                    + " passed validation but Jackson cannot read it back", e);
        }
    }

    private Outcome save(ConfigSource source, Document document, List<String> notes) {
        if (!document.changed()) {
            return new Outcome(false, notes);
        }
        String text = document.edited(mapper, source.file());
        try {
            files.write(source.file(), text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration file '" + source.file() + "' (" + e
                    + "); it is unchanged; check that its folder is writable by this user and has free space", e);
        }
        return new Outcome(true, notes);
    }

    /**
     * The file being edited: its text, and the lists the edit sets. Not thread-safe; one edit only.
     */
    private static final class Document {

        private final String bom;
        private final String body;
        private final ObjectNode tree;
        private final Map<String, List<String>> changes = new LinkedHashMap<>();

        Document(String bom, String body, ObjectNode tree) {
            this.bom = bom;
            this.body = body;
            this.tree = tree;
        }

        /** The list as the file has it (the reader has checked that it holds strings), or empty if absent. */
        Optional<List<String>> list(String key) {
            if (changes.containsKey(key)) {
                return Optional.of(changes.get(key));
            }
            JsonNode array = tree.path("plugins").get(key);
            if (!(array instanceof ArrayNode elements)) {
                return Optional.empty();
            }
            List<String> ids = new ArrayList<>();
            elements.forEach(element -> ids.add(element.asText()));
            return Optional.of(ids);
        }

        void set(String key, List<String> ids) {
            changes.put(key, List.copyOf(ids));
        }

        boolean changed() {
            return !changes.isEmpty();
        }

        /**
         * The text with every change applied, checked against the same change made to the parsed tree: any other
         * difference would be a bug in the text edit, and the file is then left alone.
         */
        String edited(ObjectMapper mapper, Path file) {
            String text = body;
            ObjectNode expected = tree.deepCopy();
            for (Map.Entry<String, List<String>> change : changes.entrySet()) {
                text = SelectionText.withArray(text, change.getKey(), change.getValue());
                JsonNode plugins = expected.get("plugins");
                ObjectNode object = plugins instanceof ObjectNode o ? o : expected.putObject("plugins");
                ArrayNode array = object.putArray(change.getKey());
                change.getValue().forEach(array::add);
            }
            try {
                JsonNode actual = mapper.readTree(text);
                if (!actual.equals(expected)) {
                    throw new IllegalStateException("editing " + file + " would change more than plugins."
                            + String.join(" and plugins.", changes.keySet()) + "; the file is unchanged. Please "
                            + "report this with the file, and edit the lists by hand meanwhile");
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("editing " + file + " would leave it unreadable; the file is "
                        + "unchanged. Please report this with the file, and edit the lists by hand meanwhile", e);
            }
            return bom + text;
        }
    }

    /** The id given to {@code enable} or {@code disable} is not installed. */
    public static final class UnknownPluginException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String id;
        private final transient Set<String> knownIds;

        public UnknownPluginException(String id, Set<String> knownIds) {
            super(message(id, knownIds));
            this.id = id;
            this.knownIds = Set.copyOf(knownIds);
        }

        private static String message(String id, Set<String> knownIds) {
            String plain = plainId(id);
            Set<String> ids = new TreeSet<>();
            Set<String> versions = new TreeSet<>();
            knownIds.forEach(known -> (known.equals(plainId(known)) ? ids : versions).add(known));
            if (!plain.equals(id) && ids.contains(plain)) {
                List<String> ofId = versions.stream().filter(v -> plainId(v).equals(plain)).toList();
                return "plugin '" + plain + "' has no version '" + id.substring(plain.length() + 1) + "' in the plugins"
                        + " folder; " + CloseMatches.suggestion(id, ofId) + "installed: " + String.join(", ", ofId);
            }
            return "no plugin with id '" + plain + "' in the plugins folder; " + CloseMatches.suggestion(plain, ids)
                    + "known ids: " + (ids.isEmpty() ? "(none)" : String.join(", ", ids));
        }

        public String id() {
            return id;
        }

        public Set<String> knownIds() {
            return knownIds;
        }
    }
}
