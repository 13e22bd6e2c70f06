package dev.patchbay.host.pipeline;

/** A command that the pipeline's state does not allow, such as resuming a pipeline that is not paused. */
public final class PipelineStateException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    PipelineStateException(String message) {
        super(message);
    }
}
