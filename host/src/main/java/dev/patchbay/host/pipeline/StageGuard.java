package dev.patchbay.host.pipeline;

import dev.patchbay.host.plugin.MdcSlot;
import dev.patchbay.host.plugin.PluginLoggers;
import dev.patchbay.host.plugin.PluginScope;
import java.util.Objects;

/**
 * Everything needed to call into one stage's plugin code safely: the plugin's scope (context class
 * loader and MDC plugin id), the MDC stage id, and the names that go into a failure message.
 *
 * <p>Callers enter once per chunk or batch, not per record, and catch what the plugin throws with
 * {@code catch (Exception | LinkageError | StackOverflowError e)}: exceptions, linkage errors (including a
 * failed static initialiser) and stack overflows are contained (the pipeline fails, the process carries
 * on); other errors, such as running out of memory, leave the process in an unknown state and propagate.
 *
 * <p>Confined to its stage's thread: every call reuses one handle, so that entering and leaving allocate
 * nothing (issue 8).
 */
final class StageGuard {

    /** The MDC key holding the stage id, such as {@code demo/processors[1]}. */
    static final String MDC_STAGE = PluginLoggers.MDC_STAGE;

    private final String pipeline;
    private final String stage;
    private final String use;
    private final PluginScope scope;
    private final String stageId;
    // The one handle of every call: a guard is confined to its stage's thread, so its calls never overlap.
    private final Entered entered;

    StageGuard(String pipeline, String stage, String use, PluginScope scope) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.use = Objects.requireNonNull(use, "use");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.stageId = pipeline + "/" + stage;
        this.entered = new Entered(scope.entry(), stageId);
    }

    /**
     * Handle returned by {@link #enter}: the same instance for every call of its guard, holding what the call
     * replaced, so that a call allocates nothing.
     */
    static final class Entered {
        private final PluginScope.Entry scope;
        private final MdcSlot stage = new MdcSlot(MDC_STAGE);
        private final String stageId;

        private Entered(PluginScope.Entry scope, String stageId) {
            this.scope = scope;
            this.stageId = stageId;
        }

        private void enter() {
            scope.enter();
            stage.set(stageId);
        }

        private void exit() {
            stage.restore();
            scope.exit();
        }
    }

    /**
     * Enters the plugin's scope and sets MDC {@code stage}. Between calls the thread keeps both keys, holding
     * what they held before the first call, {@link MdcSlot#VACANT} where that was nothing: a line the host logs
     * there names no plugin and no stage, and the next call replaces values instead of allocating map nodes.
     * A key that already holds the value is not written.
     *
     * @throws IllegalStateException if this guard's previous call has not exited, or ran on another thread
     */
    Entered enter() {
        entered.enter();
        return entered;
    }

    /** Leaves what {@link #enter()} entered. */
    void exit(Entered handle) {
        if (handle != entered) {
            throw new IllegalArgumentException("stage " + stageId + " (plugin '" + scope.pluginId() + "') was "
                    + "asked to exit with another guard's handle; pass the handle its own enter() returned");
        }
        handle.exit();
    }

    StageFailure failure(String what, Throwable cause) {
        return new StageFailure(pipeline, stage, use, scope.pluginId(), what, cause);
    }

    String pipeline() {
        return pipeline;
    }

    String stage() {
        return stage;
    }

    String stageId() {
        return stageId;
    }

    String use() {
        return use;
    }

    String pluginId() {
        return scope.pluginId();
    }
}
