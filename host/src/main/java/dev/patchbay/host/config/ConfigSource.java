package dev.patchbay.host.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the configuration comes from: the Patchbay home and the configuration file, both absolute.
 *
 * @param home the Patchbay home that relative paths in the configuration resolve against
 * @param file the configuration file
 * @param explicit whether the file was named by the operator ({@code --config} or {@code PATCHBAY_CONFIG});
 *                 a missing explicit file is an error, a missing default file means built-in defaults
 */
public record ConfigSource(Path home, Path file, boolean explicit) {

    /** The configuration file's place under the home when nothing else names it. */
    public static final String DEFAULT_FILE = "config/patchbay.json";

    public ConfigSource {
        home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
        file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    }
}
