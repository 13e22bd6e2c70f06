package dev.patchbay.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads {@code logging.console} and {@code logging.file} (see {@link LogOutputs}), reporting errors to the walk. */
final class LogOutputsReader {

    private static final List<String> FILE_KEYS = List.of("path", "maxFileSizeMb", "maxHistoryDays", "totalSizeCapMb");
    private static final long MAX_MB = 1_048_576;
    private static final long MAX_DAYS = 3650;

    private final ConfigWalk walk;
    private final Path home;

    LogOutputsReader(ConfigWalk walk, Path home) {
        this.walk = walk;
        this.home = home;
    }

    LogOutputs read(ObjectNode logging, String at) {
        int before = walk.errorCount();
        boolean console = console(logging, at);
        JsonNode declared = logging.get("file");
        if (declared != null && declared.isBoolean()) {
            if (declared.booleanValue()) {
                return new LogOutputs(console, Optional.of(new LogOutputs.File(home.resolve(
                        LogOutputs.File.DEFAULT_PATH), LogOutputs.File.DEFAULT_MAX_FILE_SIZE_MB,
                        LogOutputs.File.DEFAULT_MAX_HISTORY_DAYS, LogOutputs.File.DEFAULT_TOTAL_SIZE_CAP_MB)));
            }
            if (!console) {
                walk.error(JsonPaths.field(at, "file"), "\"console\" and \"file\" are both false, so nothing would "
                        + "be logged", "remove \"file\": false or \"console\": false");
            }
            return new LogOutputs(console, Optional.empty(), true);
        }
        Optional<LogOutputs.File> file = walk.optionalObject(logging, at, "file").flatMap(f -> file(f,
                JsonPaths.field(at, "file")));
        if (!console && file.isEmpty() && walk.errorCount() == before) {
            walk.error(JsonPaths.field(at, "console"), "\"console\" is false and there is no \"file\", so nothing "
                    + "would be logged", "add \"file\": {\"path\": \"" + LogOutputs.File.DEFAULT_PATH
                    + "\"} or remove \"console\": false");
        }
        return new LogOutputs(console, file);
    }

    private boolean console(ObjectNode logging, String at) {
        JsonNode node = logging.get("console");
        if (node == null || node.isNull()) {
            return true;
        }
        if (!node.isBoolean()) {
            walk.error(JsonPaths.field(at, "console"), "\"console\" is " + ConfigWalk.describe(node)
                    + " but must be true or false", "write \"console\": true or \"console\": false");
            return true;
        }
        return node.booleanValue();
    }

    private Optional<LogOutputs.File> file(ObjectNode file, String at) {
        int before = walk.errorCount();
        walk.knownKeys(file, at, FILE_KEYS);
        Path path = path(file, at);
        long size = walk.wholeNumber(file, at, "maxFileSizeMb", LogOutputs.File.DEFAULT_MAX_FILE_SIZE_MB, 1, MAX_MB,
                "MB");
        long days = walk.wholeNumber(file, at, "maxHistoryDays", LogOutputs.File.DEFAULT_MAX_HISTORY_DAYS, 1,
                MAX_DAYS, "days");
        long cap = walk.wholeNumber(file, at, "totalSizeCapMb", Math.max(size,
                LogOutputs.File.DEFAULT_TOTAL_SIZE_CAP_MB), 1, MAX_MB, "MB");
        if (walk.errorCount() == before && cap < size) {
            walk.error(JsonPaths.field(at, "totalSizeCapMb"), "\"totalSizeCapMb\" is " + cap
                    + " but must be at least \"maxFileSizeMb\" (" + size + ")",
                    "raise totalSizeCapMb to " + size + " or more, or lower maxFileSizeMb");
        }
        if (walk.errorCount() != before) {
            return Optional.empty();
        }
        return Optional.of(new LogOutputs.File(path, size, (int) days, cap));
    }

    private Path path(ObjectNode file, String at) {
        JsonNode node = file.get("path");
        String where = JsonPaths.field(at, "path");
        if (node == null || node.isNull()) {
            return home.resolve(LogOutputs.File.DEFAULT_PATH);
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            walk.error(where, "\"path\" is " + ConfigWalk.describe(node) + " but must be a file path",
                    "write a path such as \"" + LogOutputs.File.DEFAULT_PATH + "\" (relative to the home)");
            return home.resolve(LogOutputs.File.DEFAULT_PATH);
        }
        try {
            Path resolved = home.resolve(node.textValue()).normalize();
            if (resolved.getFileName() == null) {
                throw new InvalidPathException(node.textValue(), "no file name");
            }
            return resolved;
        } catch (InvalidPathException e) {
            walk.error(where, "\"path\" is " + ConfigWalk.describe(node) + " which is not a usable file path: "
                    + e.getMessage(), "write a path such as \"" + LogOutputs.File.DEFAULT_PATH + "\"");
            return home.resolve(LogOutputs.File.DEFAULT_PATH);
        }
    }
}
