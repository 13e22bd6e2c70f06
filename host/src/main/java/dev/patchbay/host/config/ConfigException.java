package dev.patchbay.host.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The configuration cannot be used. Carries every error found, not only the first, so the operator can
 * fix them all in one go.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient List<ConfigError> errors;

    public ConfigException(Path file, List<ConfigError> errors) {
        super(summary(file, errors));
        this.file = Objects.requireNonNull(file, "file");
        this.errors = List.copyOf(errors);
        if (this.errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
    }

    public ConfigException(Path file, List<ConfigError> errors, Throwable cause) {
        this(file, errors);
        initCause(cause);
    }

    /** The configuration file the errors are in. */
    public Path file() {
        return file;
    }

    /** Every error found, in file order. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String summary(Path file, List<ConfigError> errors) {
        StringBuilder text = new StringBuilder();
        text.append(file).append(": ").append(errors.size()).append(errors.size() == 1 ? " error" : " errors");
        for (ConfigError error : errors) {
            text.append(System.lineSeparator()).append("  ").append(error);
        }
        return text.toString();
    }
}
