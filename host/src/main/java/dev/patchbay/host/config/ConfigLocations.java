package dev.patchbay.host.config;

import java.util.Map;
import java.util.Objects;

/**
 * The line and column of every value of a configuration file, and of the key of every object member, keyed by
 * JSON path ({@code $.pipelines.demo.source.settings.path}).
 */
public final class ConfigLocations {

    private final Map<String, Location> byPath;
    private final Map<String, Location> keys;

    /** Locations of values only: {@link #ofKey} then answers with the value's location. */
    public ConfigLocations(Map<String, Location> byPath) {
        this(byPath, Map.of());
    }

    /**
     * @param byPath where each value starts
     * @param keys where the key of each object member starts, by the member's path
     */
    public ConfigLocations(Map<String, Location> byPath, Map<String, Location> keys) {
        this.byPath = Map.copyOf(Objects.requireNonNull(byPath, "byPath"));
        this.keys = Map.copyOf(Objects.requireNonNull(keys, "keys"));
    }

    public static ConfigLocations none() {
        return new ConfigLocations(Map.of());
    }

    /**
     * Returns where the key of the member at {@code path} starts, for a problem with the key itself (an unknown
     * key, a pipeline name); {@link #of} when the path is not an object member or its key was not recorded.
     */
    public Location ofKey(String path) {
        Location key = keys.get(Objects.requireNonNull(path, "path"));
        return key != null ? key : of(path);
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
