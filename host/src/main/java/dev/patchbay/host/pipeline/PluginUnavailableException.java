package dev.patchbay.host.pipeline;

/**
 * A stage of a pipeline has no started plugin version to use: its plugin was removed, disabled or retired while the
 * pipeline ran, or no version in its pin started. The pipeline waits for one (state WAITING_FOR_PLUGIN).
 */
public final class PluginUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public PluginUnavailableException(String message) {
        super(message);
    }
}
