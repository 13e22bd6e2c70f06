package dev.patchbay.host.pipeline;

/**
 * A stage of a pipeline failed: plugin code threw, or the host could not commit a checkpoint. The
 * message names the pipeline, the stage, the extension and its plugin; the plugin's exception is the
 * cause.
 */
public final class StageFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pipeline;
    private final String stage;

    public StageFailure(String pipeline, String stage, String use, String pluginId, String what, Throwable cause) {
        super("pipeline '" + pipeline + "' stopped: stage " + stage + " (" + use + ", plugin '" + pluginId + "') "
                + what + ": " + cause, cause);
        this.pipeline = pipeline;
        this.stage = stage;
    }

    public String pipeline() {
        return pipeline;
    }

    public String stage() {
        return stage;
    }
}
