package dev.patchbay.host.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.pipeline.CallObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the host waits for before it discovers the plugins no pipeline uses. */
class FirstWritesTest {

    private static CallObserver.Site site(String pipeline, String stage, String call) {
        return new CallObserver.Site(pipeline, stage, "files", call);
    }

    @Test
    void itIsDoneOnceEveryPipelinesSinkWroteAndPassesEveryCallOn() throws InterruptedException {
        List<CallObserver.Site> seen = new ArrayList<>();
        FirstWrites writes = new FirstWrites(List.of("a", "b"), (site, nanos) -> seen.add(site));

        writes.observe(site("a", "sink", "write"), 1);
        assertThat(writes.await(Duration.ZERO)).isFalse();
        writes.observe(site("a", "sink", "write"), 1);
        assertThat(writes.await(Duration.ZERO)).as("a second write of the same pipeline counts once").isFalse();
        writes.observe(site("b", "sink", "write"), 1);

        assertThat(writes.await(Duration.ZERO)).isTrue();
        assertThat(seen).hasSize(3);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"source, poll", "processors[0], process", "sink, flush", "errors.deadLetter, write"})
    void otherCallsDoNotCount(String stage, String call) throws InterruptedException {
        FirstWrites writes = new FirstWrites(List.of("a"), CallObserver.NOOP);

        writes.observe(site("a", stage, call), 1);

        assertThat(writes.await(Duration.ZERO)).isFalse();
    }

    @Test
    void withoutPipelinesThereIsNothingToWaitFor() throws InterruptedException {
        assertThat(new FirstWrites(List.of(), CallObserver.NOOP).await(Duration.ZERO)).isTrue();
    }
}
