package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The faulty-plugin corpus, calls that end badly at once: a throw in each call of each side, a null where a
 * value is due, a stack overflow, and an interrupt the plugin raised itself and restored. Each fails only the
 * faulty pipeline, with a message naming the plugin, the stage and the call; the healthy one completes.
 */
class FaultyPluginThrowsTest {

    private static final String REPORT = "report it to the plugin's provider with the stack trace from the log, or "
            + "stop using the plugin until it is fixed";

    @TempDir
    static Path shared;

    private static FaultyPluginCorpus corpus;

    @BeforeAll
    static void buildPlugins() throws Exception {
        corpus = new FaultyPluginCorpus(shared);
    }

    @AfterEach
    void cleanUp() throws Exception {
        corpus.cleanUp();
    }

    @ParameterizedTest(name = "{0} {1}()")
    @MethodSource("dev.patchbay.host.pipeline.FaultyPluginDeadlinesTest#sidesAndCalls")
    void aThrowInAnyCallFailsOnlyItsPipelineNamingPluginStageAndCall(String side, String call) throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(FaultyPluginDeadlinesTest.faultyPipeline(side, call, "throw"));

        run.assertHealthyCompleted();
        String what = call.equals("create") ? "could not be created"
                : call.equals("process") ? "failed on its record 1" : "failed in " + call + "()";
        run.assertFaultyFailed(FaultyPluginDeadlinesTest.STAGE.get(side),
                what + ": java.lang.IllegalStateException: faulty " + call + "() threw on purpose; " + fix(call));
        assertThat(run.abandoned("faulty")).isEmpty();
    }

    /** What the message tells the operator to do about a throw in the call. */
    private static String fix(String call) {
        return switch (call) {
            case "create" -> "check the stage's settings and what they refer to; if they are right, " + REPORT;
            case "process" -> "to set such records aside and go on, set \"errors\": {\"tolerance\": \"all\"}";
            case "poll", "write", "flush" -> REPORT + "; a failure that passes (a network or disk error) is retried "
                    + "with \"restart\": {\"policy\": \"on-failure\"}";
            default -> REPORT;
        };
    }

    static Stream<Arguments> nulls() {
        String created = "could not be created: the factory's create() returned null";
        return Stream.of(
                Arguments.of("source", "poll", "failed in poll(): it returned null instead of MORE, IDLE or END"),
                Arguments.of("source", "position", "failed in position(): it returned null"),
                Arguments.of("source", "create", created), Arguments.of("processor", "create", created),
                Arguments.of("sink", "create", created));
    }

    @ParameterizedTest(name = "{0} {1}() returns null")
    @MethodSource("nulls")
    void aNullWhereAValueIsDueFailsOnlyItsPipeline(String side, String call, String fragment) throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(FaultyPluginCorpus.faulty(side, call, "null"));

        run.assertHealthyCompleted();
        run.assertFaultyFailed(FaultyPluginDeadlinesTest.STAGE.get(side), fragment + "; " + REPORT);
    }

    @Test
    void aStackOverflowInProcessIsContainedAndFailsOnlyItsPipeline() throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(FaultyPluginCorpus.faulty("processor", "process", "overflow"));

        run.assertHealthyCompleted();
        run.assertFaultyFailed("processors[0]",
                "failed on its record 1: java.lang.StackOverflowError; " + fix("process"));
        assertThat(run.pipeline("faulty").get("fatal").asBoolean()).isFalse();
    }

    @Test
    void anInterruptThePluginRestoredItselfFailsItsPipelineInsteadOfHanging() throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(FaultyPluginCorpus.faulty("processor", "process", "swallow"));

        run.assertHealthyCompleted();
        run.assertFaultyFailed("processors[0]", "process() returned with its thread's interrupt flag set, but the "
                + "host did not interrupt it", "fix the plugin to return, or throw, instead");
    }
}
