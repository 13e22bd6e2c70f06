package dev.patchbay.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the {@code admin} section (see {@link AdminSettings}) and applies the environment's overrides over it. A bad
 * value in the file is an error of the walk at its line and column; a bad variable is an error naming the variable,
 * at the JSON path of the value it overrides, with no location (it is not in the file).
 */
final class AdminSettingsReader {

    static final List<String> KEYS = List.of("host", "port", "tokenFile");

    private final Path home;
    private final Function<String, String> environment;

    /**
     * @param home the home that the token file resolves against
     * @param environment a variable's value, or null when it is not set; an empty value counts as unset
     */
    AdminSettingsReader(Path home, Function<String, String> environment) {
        this.home = home;
        this.environment = environment;
    }

    /** The {@code admin} section of {@code root} with the environment over it; errors go to {@code walk}. */
    AdminSettings section(ConfigWalk walk, ObjectNode root, String rootPath) {
        AdminSettings written = walk.optionalObject(root, rootPath, "admin")
                .map(admin -> read(walk, admin, JsonPaths.field(rootPath, "admin")))
                .orElseGet(() -> AdminSettings.defaults(home));
        List<ConfigError> errors = new ArrayList<>();
        AdminSettings settings = overridden(written, errors);
        walk.add(errors);
        return settings;
    }

    /** The section as written, its defaults standing in for what is absent or wrong (reported to {@code walk}). */
    AdminSettings read(ConfigWalk walk, ObjectNode admin, String at) {
        walk.knownKeys(admin, at, KEYS);
        String host = host(walk, admin, at);
        int port = (int) walk.wholeNumber(admin, at, "port", AdminSettings.DEFAULT_PORT, AdminSettings.MIN_PORT,
                AdminSettings.MAX_PORT, "port (0 for any free port)");
        Path tokenFile = tokenFile(walk, admin, at);
        return new AdminSettings(host, port, tokenFile);
    }

    /** {@code settings} with every variable that is set put over it; {@code errors} receives the bad ones. */
    AdminSettings overridden(AdminSettings settings, List<ConfigError> errors) {
        String host = variable(AdminSettings.ENV_HOST).map(String::strip).orElse(settings.host());
        int port = variable(AdminSettings.ENV_PORT).map(value -> port(value, errors)).orElse(settings.port());
        Path tokenFile = variable(AdminSettings.ENV_TOKEN_FILE).map(value -> tokenFile(value, errors))
                .orElse(settings.tokenFile());
        return new AdminSettings(host, port, tokenFile);
    }

    /**
     * The defaults with the environment over them: for a home without a configuration file.
     *
     * @throws ConfigException naming {@code file} when a variable is bad
     */
    AdminSettings defaults(Path file) {
        List<ConfigError> errors = new ArrayList<>();
        AdminSettings settings = overridden(AdminSettings.defaults(home), errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(file, errors);
        }
        return settings;
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(environment.apply(name)).filter(value -> !value.isBlank());
    }

    private int port(String value, List<ConfigError> errors) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= AdminSettings.MIN_PORT && port <= AdminSettings.MAX_PORT) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the range, like an out-of-range number.
        }
        errors.add(new ConfigError("$.admin.port", Location.UNKNOWN, "the environment variable "
                + AdminSettings.ENV_PORT + " is '" + value + "', which is not a port number",
                "set it to a whole number from " + AdminSettings.MIN_PORT + " to " + AdminSettings.MAX_PORT
                        + " (0 for any free port) or unset it"));
        return AdminSettings.DEFAULT_PORT;
    }

    private Path tokenFile(String value, List<ConfigError> errors) {
        try {
            return home.resolve(value.strip()).normalize();
        } catch (InvalidPathException e) {
            errors.add(new ConfigError("$.admin.tokenFile", Location.UNKNOWN, "the environment variable "
                    + AdminSettings.ENV_TOKEN_FILE + " is '" + value + "', which is not a usable file path: "
                    + e.getReason(), "set it to a path such as \"" + AdminSettings.DEFAULT_TOKEN_FILE
                    + "\" (relative to the home) or unset it"));
            return home.resolve(AdminSettings.DEFAULT_TOKEN_FILE);
        }
    }

    private static String host(ConfigWalk walk, ObjectNode admin, String at) {
        JsonNode node = admin.get("host");
        if (node == null || node.isNull()) {
            return AdminSettings.DEFAULT_HOST;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            walk.error(JsonPaths.field(at, "host"), "\"host\" is " + ConfigWalk.describe(node)
                    + " but must be a host name or address", "write an address such as \"" + AdminSettings.DEFAULT_HOST
                    + "\" (this machine only) or \"0.0.0.0\" (every interface; reads then need the token too)");
            return AdminSettings.DEFAULT_HOST;
        }
        return node.textValue().strip();
    }

    private Path tokenFile(ConfigWalk walk, ObjectNode admin, String at) {
        JsonNode node = admin.get("tokenFile");
        String where = JsonPaths.field(at, "tokenFile");
        Path fallback = home.resolve(AdminSettings.DEFAULT_TOKEN_FILE);
        if (node == null || node.isNull()) {
            return fallback;
        }
        String fix = "write a path such as \"" + AdminSettings.DEFAULT_TOKEN_FILE + "\" (relative to the home)";
        if (!node.isTextual() || node.textValue().isBlank()) {
            walk.error(where, "\"tokenFile\" is " + ConfigWalk.describe(node) + " but must be a file path", fix);
            return fallback;
        }
        try {
            Path resolved = home.resolve(node.textValue()).normalize();
            if (resolved.getFileName() == null) {
                throw new InvalidPathException(node.textValue(), "no file name");
            }
            return resolved;
        } catch (InvalidPathException e) {
            walk.error(where, "\"tokenFile\" is " + ConfigWalk.describe(node) + " which is not a usable file path: "
                    + e.getReason(), fix);
            return fallback;
        }
    }
}
