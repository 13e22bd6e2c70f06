package dev.patchbay.host.pipeline;

/**
 * A stage of a pipeline failed: plugin code threw, rejected too many records, overran a deadline, or the
 * host could not commit a checkpoint. The message names the pipeline, the stage, the extension and its
 * plugin; the plugin's exception is the cause.
 *
 * <p>A fatal failure is a {@link VirtualMachineError} other than a stack overflow (such as running out of
 * memory): the JVM's state is unknown, so the host stops every pipeline and exits instead of restarting.
 */
public final class StageFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pipeline;
    private final String stage;
    private final String pluginId;
    private final boolean fatal;

    public StageFailure(String pipeline, String stage, String use, String pluginId, String what, Throwable cause) {
        this(pipeline, stage, use, pluginId, "", what, cause, false);
    }

    StageFailure(String pipeline, String stage, String use, String pluginId, String pluginVersion, String what,
            Throwable cause, boolean fatal) {
        this(pipeline, stage, use, pluginId, pluginVersion, what, cause, "", fatal);
    }

    /** @param fix what the operator can do about it, after the cause; empty when {@code what} says it */
    StageFailure(String pipeline, String stage, String use, String pluginId, String pluginVersion, String what,
            Throwable cause, String fix, boolean fatal) {
        super("pipeline '" + pipeline + "' stopped: stage " + stage + " (" + use + ", plugin '" + pluginId + "'"
                + (pluginVersion.isEmpty() ? "" : " " + pluginVersion) + ") " + what
                + (cause == null ? "" : ": " + cause) + (fix.isEmpty() ? "" : "; " + fix), cause);
        this.pipeline = pipeline;
        this.stage = stage;
        this.pluginId = pluginId;
        this.fatal = fatal;
    }

    public String pipeline() {
        return pipeline;
    }

    public String stage() {
        return stage;
    }

    /** The plugin whose code was running, or stuck, when the stage failed. */
    public String pluginId() {
        return pluginId;
    }

    /** Whether the JVM's state is unknown after it, so the host must stop rather than restart. */
    public boolean fatal() {
        return fatal;
    }
}
