package dev.patchbay.host.plugin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the platform logs about each plugin's outcome, with its id in the MDC: every problem as a warning and
 * every start at INFO; or, for the verifier, which returns its problems to the caller instead and reports no
 * plugin as started, both at DEBUG only.
 */
final class ProblemLog {

    // The lines keep the platform's logger name, which operators filter on.
    private static final Logger log = LoggerFactory.getLogger(PluginPlatform.class);

    private final boolean warn;

    /** @param warn whether problems are warnings and starts INFO lines, rather than DEBUG lines */
    ProblemLog(boolean warn) {
        this.warn = warn;
    }

    @SuppressWarnings("try") // the MDC handle is used only for its close()
    void problems(PluginInfo info) {
        if (!warn) {
            log.debug("Plugin '{}' failed: {}", info.id(), info.problems());
            return;
        }
        try (PluginMdc ignored = new PluginMdc(info.id())) {
            for (Problem problem : info.problems()) {
                log.warn("{}", problem);
            }
        }
    }

    /** Warnings are logged whatever the plugin's state, so that a running plugin's operator sees them too. */
    @SuppressWarnings("try") // the MDC handle is used only for its close()
    void warnings(PluginInfo info) {
        if (info.warnings().isEmpty()) {
            return;
        }
        if (!warn) {
            log.debug("Plugin '{}' has warnings: {}", info.id(), info.warnings());
            return;
        }
        try (PluginMdc ignored = new PluginMdc(info.id())) {
            for (Problem warning : info.warnings()) {
                log.warn("{}", warning);
            }
        }
    }

    @SuppressWarnings("try") // the MDC handle is used only for its close()
    void started(PluginInfo info, int extensions) {
        try (PluginMdc ignored = new PluginMdc(info.id())) {
            if (warn) {
                log.info("Plugin '{}' {} started with {} extension(s)", info.id(), info.version(), extensions);
            } else {
                // The verifier releases the plugin again and reports it RESOLVED; "started" would mislead.
                log.debug("Plugin '{}' {} instantiated {} extension(s) for verification", info.id(),
                        info.version(), extensions);
            }
        }
    }
}
