package dev.patchbay.host.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides where the home and the configuration file are. From strongest to weakest:
 * <ul>
 *   <li>home: {@code --home}, then {@code PATCHBAY_HOME}, then the {@code patchbay.home} system property
 *       (set by the launcher from its own location), then the working directory;</li>
 *   <li>file: {@code --config}, then {@code PATCHBAY_CONFIG}, then {@code config/patchbay.json} under the
 *       home.</li>
 * </ul>
 * Relative paths given by the operator resolve against the working directory.
 */
public final class ConfigLocator {

    public static final String ENV_HOME = "PATCHBAY_HOME";
    public static final String ENV_CONFIG = "PATCHBAY_CONFIG";
    public static final String HOME_PROPERTY = "patchbay.home";

    private final Map<String, String> environment;
    private final Optional<String> homeProperty;
    private final Path workingDirectory;

    /**
     * @param environment the process environment, usually {@code System.getenv()}
     * @param homeProperty the value of the {@code patchbay.home} system property, if set
     * @param workingDirectory where relative paths given by the operator resolve
     */
    public ConfigLocator(Map<String, String> environment, Optional<String> homeProperty, Path workingDirectory) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.homeProperty = Objects.requireNonNull(homeProperty, "homeProperty");
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory").toAbsolutePath();
    }

    /**
     * @param homeOption the {@code --home} option, if given
     * @param configOption the {@code --config} option, if given
     */
    public ConfigSource locate(Optional<Path> homeOption, Optional<Path> configOption) {
        Path home = homeOption.map(workingDirectory::resolve)
                .or(() -> nonBlank(environment.get(ENV_HOME)).map(workingDirectory::resolve))
                .or(() -> homeProperty.flatMap(ConfigLocator::nonBlank).map(workingDirectory::resolve))
                .orElse(workingDirectory);
        Optional<Path> named = configOption.map(workingDirectory::resolve)
                .or(() -> nonBlank(environment.get(ENV_CONFIG)).map(workingDirectory::resolve));
        return named.map(file -> new ConfigSource(home, file, true))
                .orElseGet(() -> new ConfigSource(home, home.resolve(ConfigSource.DEFAULT_FILE), false));
    }

    /** Resolves a path the operator gave on the command line against the working directory. */
    public Path resolve(Path operatorPath) {
        return workingDirectory.resolve(operatorPath);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
