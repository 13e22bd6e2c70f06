package dev.patchbay.host.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A stage setting whose value names a file: the operator's value, resolved against the Patchbay home as the
 * extension resolves it ({@code ExtensionContext.baseDirectory()}).
 *
 * @param pipeline the pipeline the stage belongs to
 * @param stage the stage whose setting it is
 * @param key the setting's key
 * @param resolved the absolute, normalised path
 * @param role whether the extension reads or writes it
 */
public record PathSetting(String pipeline, StageConfig stage, String key, Path resolved, Role role) {

    /**
     * Whether an extension reads a path or writes it. Mirrors the api's {@code Setting.PathRole} (api 1.1.0),
     * which the host reads through {@link PathSettings.Roles}.
     */
    public enum Role {
        /** The extension reads the file. */
        INPUT,
        /** The extension writes the file, creating its folder if need be. */
        OUTPUT
    }

    public PathSetting {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(resolved, "resolved");
        Objects.requireNonNull(role, "role");
    }

    /** The JSON path of the setting's value, such as {@code $.pipelines.demo.sink.settings.path}. */
    public String jsonPath() {
        return JsonPaths.field(JsonPaths.field(stage.path(), "settings"), key);
    }

    /** The setting as a message names it: {@code files/jsonl-sink setting 'path' of pipeline 'demo'}. */
    public String describe() {
        return stage.use() + " setting '" + key + "' of pipeline '" + pipeline + "'";
    }
}
