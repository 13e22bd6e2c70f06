package dev.patchbay.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.plugin.ArchivePolicy;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads {@code plugins.lock}, {@code plugins.trust} and {@code plugins.requireSigned} into an {@link ArchivePolicy}. */
final class ArchivePolicyReader {

    static final List<String> KEYS = List.of("lock", "trust", "requireSigned");
    private static final List<String> LOCK_MODES = Arrays.stream(ArchivePolicy.LockMode.values())
            .map(ArchivePolicy.LockMode::configName).toList();

    private final ConfigWalk walk;
    private final Path home;

    ArchivePolicyReader(ConfigWalk walk, Path home) {
        this.walk = walk;
        this.home = home;
    }

    ArchivePolicy read(ObjectNode plugins, String at) {
        ArchivePolicy defaults = ArchivePolicy.open(home);
        ArchivePolicy.LockMode lock = walk.choice(plugins, at, "lock", LOCK_MODES, false)
                .map(mode -> ArchivePolicy.LockMode.valueOf(mode.toUpperCase(Locale.ROOT)))
                .orElse(ArchivePolicy.LockMode.OFF);
        Path trust = trust(plugins, at, defaults.trustDirectory());
        boolean requireSigned = requireSigned(plugins, at);
        return new ArchivePolicy(lock, defaults.lockFile(), trust, requireSigned);
    }

    private Path trust(ObjectNode plugins, String at, Path fallback) {
        JsonNode node = plugins.get("trust");
        if (node == null || node.isNull()) {
            return fallback;
        }
        String path = JsonPaths.field(at, "trust");
        if (!node.isTextual() || node.textValue().isBlank()) {
            walk.error(path, "\"trust\" is " + ConfigWalk.describe(node) + " but must be a non-empty string",
                    "write the folder of trusted signers' PEM certificates, absolute or relative to the Patchbay"
                            + " home, such as \"" + ArchivePolicy.TRUST_DIRECTORY + "\"");
            return fallback;
        }
        try {
            return home.resolve(node.textValue()).normalize();
        } catch (InvalidPathException e) {
            walk.error(path, "\"" + node.textValue() + "\" is not a valid path: " + e.getReason(),
                    "write a valid folder path, such as \"" + ArchivePolicy.TRUST_DIRECTORY + "\"");
            return fallback;
        }
    }

    private boolean requireSigned(ObjectNode plugins, String at) {
        JsonNode node = plugins.get("requireSigned");
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            walk.error(JsonPaths.field(at, "requireSigned"), "\"requireSigned\" is " + ConfigWalk.describe(node)
                    + " but must be true or false", "write \"requireSigned\": true or \"requireSigned\": false");
            return false;
        }
        return node.booleanValue();
    }
}
