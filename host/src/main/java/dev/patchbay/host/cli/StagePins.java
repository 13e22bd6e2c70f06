package dev.patchbay.host.cli;

import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.VersionRange;

/** The version range a stage's {@code "version"} pin allows; the one place the CLI reads a stage's pin. */
final class StagePins {

    private StagePins() {
    }

    /** The stage's pin, {@link VersionRange#ANY} when it has none. */
    static VersionRange of(StageConfig stage) {
        return stage.version().orElse(VersionRange.ANY);
    }
}
