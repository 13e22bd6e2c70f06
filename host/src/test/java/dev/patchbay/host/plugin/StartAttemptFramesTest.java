package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stack frames a START_TIMEOUT problem quotes: the innermost ones, down to the plugin's own code. */
class StartAttemptFramesTest {

    @ParameterizedTest(name = "{0} frames, the plugin's at {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "12 | 0  | own0",
        "12 | 3  | jdk0 jdk1 jdk2 own3",
        "12 | 7  | jdk0 jdk1 jdk2 jdk3 jdk4 jdk5 jdk6 own7",
        "12 | 10 | jdk0 jdk1 jdk2 jdk3 jdk4 jdk5 jdk6 own10",
        "12 | -1 | jdk0 jdk1 jdk2 jdk3 jdk4 jdk5 jdk6 jdk7",
        "3  | -1 | jdk0 jdk1 jdk2",
        "0  | -1 | ''"})
    void showsTheInnermostFramesDownToThePluginsOwnCodeAtMostEight(int depth, int own, String expected) {
        StackTraceElement[] stack = IntStream.range(0, depth).mapToObj(i -> new StackTraceElement(
                i == own ? "com.example.own.Stuck" : "java.lang.Jdk", i == own ? "own" + i : "jdk" + i, null, -1))
                .toArray(StackTraceElement[]::new);

        List<String> frames = StartAttempt.frames(stack, Set.of("com.example.own"));

        assertThat(frames).extracting(frame -> frame.substring(frame.lastIndexOf('.') + 1, frame.indexOf('(')))
                .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split(" ")));
    }
}
