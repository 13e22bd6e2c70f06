package dev.patchbay.host.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads {@code config/plugins.lock}. The output is stable: fields in a fixed order, entries sorted by
 * {@link LockFile}, two-space indentation and {@code \n} line ends on every platform, so that locking an unchanged
 * folder again writes the same bytes and a lockfile under version control shows only real changes.
 */
public final class LockFileJson {

    /** The field that carries {@link LockFile#FORMAT}. */
    static final String FORMAT_FIELD = "lockVersion";
    private static final String RELOCK = "run `patchbay plugins lock` to write it from the plugins folder as it is";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LockFileJson() {
    }

    /** Why a lockfile cannot be used; the message names the file and says how to fix it. */
    public static final class UnreadableLockFile extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableLockFile(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The lockfile as a JSON tree, as written and as {@code plugins lock --json} prints it. */
    public static ObjectNode tree(LockFile lock) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put(FORMAT_FIELD, LockFile.FORMAT);
        ArrayNode archives = root.putArray("archives");
        for (LockFile.Entry entry : lock.archives()) {
            ObjectNode node = archives.addObject();
            node.put("file", entry.file());
            node.put("id", entry.id());
            node.put("version", entry.version());
            node.put("sha256", entry.sha256());
            ArrayNode libs = node.putArray("libs");
            entry.libs().forEach(lib -> libs.addObject().put("name", lib.name()).put("sha256", lib.sha256()));
        }
        return root;
    }

    /** The file's bytes: UTF-8, ending in a newline. */
    public static byte[] bytes(LockFile lock) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return (MAPPER.writer(printer).writeValueAsString(tree(lock)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a lockfile tree, which holds only strings", e);
        }
    }

    /**
     * @throws UnreadableLockFile if the file is missing, unreadable, not JSON, of another format version, or has an
     *                            invalid entry
     */
    public static LockFile read(Path file) throws UnreadableLockFile {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableLockFile("the lockfile '" + file + "' does not exist; " + RELOCK
                    + ", or set \"plugins\": {\"lock\": \"off\"}", e);
        } catch (IOException e) {
            throw new UnreadableLockFile("the lockfile '" + file + "' cannot be read (" + e + "); check its"
                    + " permissions, or " + RELOCK, e);
        }
        return parse(content, file);
    }

    /**
     * @param file where the content came from, for the messages
     * @throws UnreadableLockFile if the content is not JSON, of another format version, or has an invalid entry
     */
    public static LockFile parse(byte[] content, Path file) throws UnreadableLockFile {
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw new UnreadableLockFile("the lockfile '" + file + "' is not valid JSON (" + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "); "
                    + RELOCK, e);
        } catch (IOException e) {
            throw new UnreadableLockFile("the lockfile '" + file + "' cannot be parsed (" + e + "); " + RELOCK, e);
        }
        if (root == null || !root.isObject()) {
            throw invalid(file, "is not a JSON object", null);
        }
        JsonNode format = root.get(FORMAT_FIELD);
        if (format == null || !format.isInt() || format.intValue() != LockFile.FORMAT) {
            throw invalid(file, "has \"" + FORMAT_FIELD + "\": " + format + ", but this Patchbay reads "
                    + LockFile.FORMAT, null);
        }
        JsonNode archives = root.get("archives");
        if (archives == null || !archives.isArray()) {
            throw invalid(file, "has no \"archives\" array", null);
        }
        List<LockFile.Entry> entries = new ArrayList<>();
        for (int i = 0; i < archives.size(); i++) {
            try {
                entries.add(entry(archives.get(i)));
            } catch (IllegalArgumentException e) {
                throw invalid(file, "has an invalid entry archives[" + i + "]: " + e.getMessage(), e);
            }
        }
        try {
            return new LockFile(entries);
        } catch (IllegalArgumentException e) {
            throw invalid(file, "is invalid: " + e.getMessage(), e);
        }
    }

    private static LockFile.Entry entry(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("it is " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not an object");
        }
        List<LockFile.Lib> libs = new ArrayList<>();
        JsonNode libsNode = node.get("libs");
        if (libsNode != null && !libsNode.isArray()) {
            throw new IllegalArgumentException("\"libs\" must be an array");
        }
        if (libsNode != null) {
            libsNode.forEach(lib -> libs.add(new LockFile.Lib(text(lib, "name"), text(lib, "sha256"))));
        }
        return new LockFile.Entry(text(node, "file"), textOrEmpty(node, "id"), textOrEmpty(node, "version"),
                text(node, "sha256"), libs);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static String textOrEmpty(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? "" : value;
    }

    private static UnreadableLockFile invalid(Path file, String what, Throwable cause) {
        return new UnreadableLockFile("the lockfile '" + file + "' " + what + "; " + RELOCK, cause);
    }
}
