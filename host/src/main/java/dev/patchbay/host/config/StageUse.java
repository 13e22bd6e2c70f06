package dev.patchbay.host.config;

import dev.patchbay.host.plugin.ExtensionKind;
import java.util.Objects;

/**
 * A stage whose {@code use} could be read, wherever it is and whatever else is wrong with its pipeline: what
 * {@code config check} checks against the installed plugins, so that the file's own errors and the plugins'
 * verdicts are reported in one pass.
 *
 * @param pipeline the name of the pipeline the stage belongs to
 * @param stage the stage as written
 * @param kind what the stage needs: a source, a processor, or a sink (also for the dead-letter stage)
 * @param settingsReadable whether its settings object could be read as written; when not (it is not an
 *        object, or a value does not fit a record value), only the {@code use} is checked, since the settings
 *        the extension would be judged on are not the operator's
 */
public record StageUse(String pipeline, StageConfig stage, ExtensionKind kind, boolean settingsReadable) {

    public StageUse {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(kind, "kind");
    }
}
