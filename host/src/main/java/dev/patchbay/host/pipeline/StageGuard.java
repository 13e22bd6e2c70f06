package dev.patchbay.host.pipeline;

import dev.patchbay.host.plugin.PluginLoggers;
import dev.patchbay.host.plugin.PluginScope;
import java.util.Objects;
import org.slf4j.MDC;

/**
 * Everything needed to call into one stage's plugin code safely: the plugin's scope (context class
 * loader and MDC plugin id), the MDC stage id, and the names that go into a failure message.
 *
 * <p>Callers enter once per chunk or batch, not per record, and catch what the plugin throws with
 * {@code catch (Exception | LinkageError | StackOverflowError e)}: exceptions, linkage errors (including a
 * failed static initialiser) and stack overflows are contained (the pipeline fails, the process carries
 * on); other errors, such as running out of memory, leave the process in an unknown state and propagate.
 */
final class StageGuard {

    /** The MDC key holding the stage id, such as {@code demo/processors[1]}. */
    static final String MDC_STAGE = PluginLoggers.MDC_STAGE;

    private final String pipeline;
    private final String stage;
    private final String use;
    private final PluginScope scope;
    private final String stageId;

    StageGuard(String pipeline, String stage, String use, PluginScope scope) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.use = Objects.requireNonNull(use, "use");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.stageId = pipeline + "/" + stage;
    }

    /** Handle returned by {@link #enter}; closing restores the thread's previous context. */
    static final class Entered {
        private final PluginScope.Entered scope;
        private final String previousStage;

        private Entered(PluginScope.Entered scope, String previousStage) {
            this.scope = scope;
            this.previousStage = previousStage;
        }

        void exit(String stageId) {
            if (!stageId.equals(previousStage)) {
                if (previousStage == null) {
                    MDC.remove(MDC_STAGE);
                } else {
                    MDC.put(MDC_STAGE, previousStage);
                }
            }
            scope.close();
        }
    }

    /**
     * Enters the plugin's scope and sets MDC {@code stage}. On a thread that already carries this stage id
     * (the source and sink threads set it once when they start) the MDC is left alone, which saves a map
     * update per call.
     */
    Entered enter() {
        PluginScope.Entered entered = scope.enter();
        String previous = MDC.get(MDC_STAGE);
        if (!stageId.equals(previous)) {
            MDC.put(MDC_STAGE, stageId);
        }
        return new Entered(entered, previous);
    }

    /** Leaves what {@link #enter()} entered. */
    void exit(Entered entered) {
        entered.exit(stageId);
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
