package dev.patchbay.host.config;

import java.util.Map;
import java.util.Objects;

/**
 * The line and column of every value of a configuration file, keyed by JSON path
 * ({@code $.pipelines.demo.source.settings.path}).
 */
public final class ConfigLocations {

    private final Map<String, Location> byPath;

    public ConfigLocations(Map<String, Location> byPath) {
        this.byPath = Map.copyOf(Objects.requireNonNull(byPath, "byPath"));
    }

    public static ConfigLocations none() {
        return new ConfigLocations(Map.of());
    }

    /**
     * Returns the location of a path, or of its nearest enclosing value when the path itself is absent
     * (a missing key is reported at the object that should hold it).
     */
    public Location of(String path) {
        String current = Objects.requireNonNull(path, "path");
        while (true) {
            Location location = byPath.get(current);
            if (location != null) {
                return location;
            }
            int cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
            if (cut <= 0) {
                return byPath.getOrDefault("$", Location.UNKNOWN);
            }
            current = current.substring(0, cut);
        }
    }
}
