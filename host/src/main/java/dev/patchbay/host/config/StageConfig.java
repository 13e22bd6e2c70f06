package dev.patchbay.host.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One stage of a pipeline as the operator wrote it: {@code {"use": "files/csv-source", "settings": {...}}}.
 *
 * @param use the extension reference, {@code plugin-id/extension-name}, as written (not yet checked)
 * @param settings the settings object, with JSON values converted to record values (String, Long, Double,
 *                 Boolean, null, List, nested Row); key order kept
 * @param path the JSON path of the stage object, such as {@code $.pipelines.demo.processors[0]}
 */
public record StageConfig(String use, Map<String, Object> settings, String path) {

    public StageConfig {
        Objects.requireNonNull(use, "use");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(settings, "settings")));
        Objects.requireNonNull(path, "path");
    }
}
