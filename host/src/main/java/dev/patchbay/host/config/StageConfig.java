package dev.patchbay.host.config;

import dev.patchbay.host.plugin.VersionRange;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One stage of a pipeline as the operator wrote it: {@code {"use": "files/csv-source", "version": "1.x",
 * "settings": {...}}}.
 *
 * <p>A setting whose value holds a {@code ${env:NAME}} or {@code ${file:path}} reference anywhere in it is resolved
 * in {@link #settings}, which the runtime uses, and kept as written in {@link #written}, which is what may be shown:
 * display code uses {@link #shown} and never quotes a value of {@link #referencedKeys}. {@link #toString} shows
 * the written values too.
 *
 * @param use the extension reference, {@code plugin-id/extension-name}, as written (not yet checked)
 * @param settings the settings object, with JSON values converted to record values (String, Long, Double,
 *                 Boolean, null, List, nested Row) and references resolved; key order kept
 * @param path the JSON path of the stage object, such as {@code $.pipelines.demo.processors[0]}
 * @param written the settings whose value held a reference, with that value as written (references unresolved);
 *                each key must be one of {@code settings}
 * @param version the stage's {@code "version"} pin: the range of plugin versions it may use; empty for the
 *                highest started version
 */
public record StageConfig(String use, Map<String, Object> settings, String path, Map<String, Object> written,
        Optional<VersionRange> version) {

    public StageConfig {
        Objects.requireNonNull(use, "use");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(settings, "settings")));
        Objects.requireNonNull(path, "path");
        written = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(written, "written")));
        Objects.requireNonNull(version, "version");
        for (String key : written.keySet()) {
            if (!settings.containsKey(key)) {
                throw new IllegalArgumentException("stage " + path + ": written setting '" + key
                        + "' is not one of its settings " + settings.keySet());
            }
        }
    }

    /** An unpinned stage. */
    public StageConfig(String use, Map<String, Object> settings, String path, Map<String, Object> written) {
        this(use, settings, path, written, Optional.empty());
    }

    /** An unpinned stage without references. */
    public StageConfig(String use, Map<String, Object> settings, String path) {
        this(use, settings, path, Map.of());
    }

    /** The keys whose values came from references: their resolved values must never be shown. */
    public Set<String> referencedKeys() {
        return written.keySet();
    }

    /** The settings as they may be shown: each referenced value as written, the others as resolved. */
    public Map<String, Object> shown() {
        Map<String, Object> shown = new LinkedHashMap<>(settings);
        shown.putAll(written);
        return Collections.unmodifiableMap(shown);
    }

    @Override
    public String toString() {
        return "StageConfig[use=" + use + version.map(range -> ", version=" + range).orElse("") + ", settings="
                + shown() + ", path=" + path + "]";
    }
}
