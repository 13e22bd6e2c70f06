package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The faulty-plugin corpus, calls that never return: in each call of each side, as a busy loop and as a
 * sleep that ignores interrupts, the faulty pipeline fails on its deadline naming the plugin, its version,
 * the stage, the call and the timeout key; the stuck thread is abandoned and listed; the run returns and the
 * healthy pipeline beside it completes.
 */
class FaultyPluginDeadlinesTest {

    /** The calls of each side, as the faulty extensions name them. */
    static final Map<String, List<String>> CALLS = Map.of(
            "source", List.of("settings", "create", "poll", "position", "close"),
            "processor", List.of("settings", "create", "process", "close"),
            "sink", List.of("settings", "create", "write", "flush", "close"));
    /** The stage each side runs as, and its thread's role. */
    static final Map<String, String> STAGE = Map.of("source", "source", "processor", "processors[0]", "sink", "sink");
    private static final Map<String, String> ROLE = Map.of("source", "source", "processor", "process", "sink", "sink");

    @TempDir
    static Path shared;

    private static FaultyPluginCorpus corpus;

    @BeforeAll
    static void buildPlugins() throws Exception {
        corpus = new FaultyPluginCorpus(shared);
    }

    @AfterEach
    void releaseHungCalls() throws Exception {
        corpus.cleanUp();
    }

    /** Every side and call, as settings() or the faulty extension's own call. */
    static Stream<Arguments> sidesAndCalls() {
        return FaultyPlugins.SIDES.stream().flatMap(side -> CALLS.get(side).stream().map(call -> Arguments.of(side,
                call)));
    }

    static Stream<Arguments> hangs() {
        return sidesAndCalls().flatMap(args -> FaultyPlugins.HANGS.stream().map(mode -> Arguments.of(args.get()[0],
                args.get()[1], mode)));
    }

    static String key(String call) {
        return switch (call) {
            case "settings", "create" -> "timeouts.createMillis";
            case "close" -> "timeouts.closeMillis";
            default -> "timeouts.callMillis";
        };
    }

    static String faultyPipeline(String side, String call, String mode) {
        return call.equals("settings") ? FaultyPluginCorpus.faultySettings(side, mode)
                : FaultyPluginCorpus.faulty(side, call, mode);
    }

    @ParameterizedTest(name = "{0} {1}() {2}")
    @MethodSource("hangs")
    void aCallThatNeverReturnsFailsItsPipelineOnTheDeadlineAndIsAbandoned(String side, String call, String mode)
            throws Exception {
        // A grace far beyond the run's bound: the run must not wait it out for a thread it has abandoned.
        FaultyPluginCorpus.Run run = corpus.run(faultyPipeline(side, call, mode), 600);

        run.assertHealthyCompleted();
        run.assertFaultyFailed(STAGE.get(side), "did not return from " + call + "() within " + key(call),
                "Fix the plugin, or raise " + key(call));
        String thread = "pipeline-faulty-" + ROLE.get(side);
        assertThat(run.abandoned("faulty")).as(run.out).singleElement().asString()
                .contains("thread " + thread + " is abandoned inside plugin 'faulty' " + FaultyPlugins.FAULTY_VERSION,
                        "stage " + STAGE.get(side));
        assertThat(run.elapsed).isLessThan(FaultyPluginCorpus.RUN_BOUND);
    }
}
