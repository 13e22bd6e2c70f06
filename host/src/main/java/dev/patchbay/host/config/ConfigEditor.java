package dev.patchbay.host.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
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
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Edits the {@code plugins.enabled} and {@code plugins.disabled} lists of the configuration file for
 * {@code patchbay plugins enable|disable}. Everything else in the file is kept, in its key order; only
 * the whitespace is normalised. The file is replaced atomically.
 *
 * <p>Enabling removes the id from {@code disabled} and, when an {@code enabled} allowlist exists, adds
 * it there. Disabling adds the id to {@code disabled} and removes it from {@code enabled}, since an id in
 * both lists is a configuration error.
 */
public final class ConfigEditor {

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
     * Enables a plugin.
     *
     * @param knownIds the ids of the plugins installed in the plugins folder
     * @throws UnknownPluginException if {@code id} is not among {@code knownIds}
     * @throws ConfigException if the current file is not a valid configuration
     */
    public Outcome enable(ConfigSource source, String id, Set<String> knownIds) {
        requireKnown(id, knownIds);
        ObjectNode root = load(source);
        ObjectNode plugins = pluginsObject(root);
        List<String> notes = new ArrayList<>();
        boolean changed = remove(plugins, "disabled", id);
        ArrayNode enabled = plugins.get("enabled") instanceof ArrayNode array ? array : null;
        if (enabled != null && !enabled.isEmpty()) {
            if (!contains(enabled, id)) {
                enabled.add(id);
                changed = true;
            }
        } else {
            notes.add("plugins.enabled is empty, so every installed plugin that is not disabled is loaded");
        }
        if (changed) {
            save(source, root);
        }
        return new Outcome(changed, notes);
    }

    /**
     * Disables a plugin.
     *
     * @param knownIds the ids of the plugins installed in the plugins folder
     * @throws UnknownPluginException if {@code id} is not among {@code knownIds}
     * @throws ConfigException if the current file is not a valid configuration
     */
    public Outcome disable(ConfigSource source, String id, Set<String> knownIds) {
        requireKnown(id, knownIds);
        ObjectNode root = load(source);
        ObjectNode plugins = pluginsObject(root);
        List<String> notes = new ArrayList<>();
        boolean changed = false;
        ArrayNode disabled = plugins.get("disabled") instanceof ArrayNode array ? array : null;
        if (disabled == null) {
            disabled = plugins.putArray("disabled");
        }
        if (!contains(disabled, id)) {
            disabled.add(id);
            changed = true;
        }
        JsonNode enabled = plugins.get("enabled");
        if (remove(plugins, "enabled", id)) {
            changed = true;
            if (enabled.isEmpty()) {
                notes.add("plugins.enabled is now empty, which means every installed plugin that is not disabled "
                        + "is loaded; list the plugins to keep in plugins.enabled if that is not what you want");
            }
        }
        if (changed) {
            save(source, root);
        }
        return new Outcome(changed, notes);
    }

    private static void requireKnown(String id, Set<String> knownIds) {
        Objects.requireNonNull(id, "id");
        if (!knownIds.contains(id)) {
            throw new UnknownPluginException(id, knownIds);
        }
    }

    // Validates the whole file first, so an edit never builds on (or hides) a broken configuration.
    private ObjectNode load(ConfigSource source) {
        String text;
        try {
            text = Files.readString(source.file(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return JsonNodeFactory.instance.objectNode();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration file '" + source.file() + "' (" + e
                    + "); check that it is a regular file readable by this user", e);
        }
        reader.parse(source, text);
        try {
            return (ObjectNode) mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the configuration file " + source.file()
                    + " passed validation but Jackson cannot read it back", e);
        }
    }

    private static ObjectNode pluginsObject(ObjectNode root) {
        return root.get("plugins") instanceof ObjectNode plugins ? plugins : root.putObject("plugins");
    }

    private static boolean contains(ArrayNode array, String id) {
        for (JsonNode element : array) {
            if (element.isTextual() && element.textValue().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static boolean remove(ObjectNode plugins, String key, String id) {
        if (!(plugins.get(key) instanceof ArrayNode array)) {
            return false;
        }
        boolean removed = false;
        for (int i = array.size() - 1; i >= 0; i--) {
            JsonNode element = array.get(i);
            if (element.isTextual() && element.textValue().equals(id)) {
                array.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    private void save(ConfigSource source, ObjectNode root) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            String text = mapper.writer(printer).writeValueAsString(root) + "\n";
            files.write(source.file(), text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration file '" + source.file() + "' (" + e
                    + "); it is unchanged; check that its folder is writable by this user and has free space", e);
        }
    }

    /** The id given to {@code enable} or {@code disable} is not installed. */
    public static final class UnknownPluginException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String id;
        private final transient Set<String> knownIds;

        public UnknownPluginException(String id, Set<String> knownIds) {
            super("no plugin with id '" + id + "' in the plugins folder; known ids: "
                    + (knownIds.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(knownIds))));
            this.id = id;
            this.knownIds = Set.copyOf(knownIds);
        }

        public String id() {
            return id;
        }

        public Set<String> knownIds() {
            return knownIds;
        }
    }
}
