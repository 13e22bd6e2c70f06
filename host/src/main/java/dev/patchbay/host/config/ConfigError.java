package dev.patchbay.host.config;

import java.util.Objects;

/**
 * One problem in the operator's configuration: where it is, what is wrong and how to fix it.
 *
 * @param path the JSON path of the offending value, such as {@code $.pipelines.demo.processors[1].use}
 * @param location the line and column of that value in the file
 * @param message what is wrong, quoting the bad value
 * @param fix what to do about it
 */
public record ConfigError(String path, Location location, String message, String fix) {

    public ConfigError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    @Override
    public String toString() {
        return path + " (line " + location.line() + ", column " + location.column() + "): " + message + "; " + fix;
    }
}
