package dev.patchbay.plugins.transforms;

import static dev.patchbay.plugins.transforms.Transforms.json;
import static dev.patchbay.plugins.transforms.Transforms.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Rejection;
import dev.patchbay.testkit.ProcessorTester;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A record dropped under {@code "onError": "skip"} is reported to the host ({@code Emitter.reject}) with the
 * reason the stage logs, so the host counts it per stage and can dead-letter it; a good record is not.
 */
class SkipReportsTest {

    static Stream<Arguments> skippingStages() {
        return Stream.of(
                Arguments.of(new CastFactory(), "{'fields': {'age': 'long'}, 'onError': 'skip'}",
                        "{'age': 'x'}", "{'age': '5'}",
                        "field 'age': string \"x\" is not a whole number (cast to long)"),
                Arguments.of(new MaskFactory(), "{'fields': ['tags'], 'mode': 'hash', 'onError': 'skip'}",
                        "{'tags': ['a']}", "{'tags': 'a'}",
                        "field 'tags': list [a] cannot be hashed; only strings, numbers, booleans and bytes can"),
                Arguments.of(new TimestampFactory(), "{'field': 'ts', 'inputFormat': 'iso', 'outputFormat': "
                        + "'epochMillis', 'target': 'ms', 'onError': 'skip'}",
                        "{'ts': 'soon'}", "{'ts': '1970-01-01T00:00:01Z'}", "field 'ts': string \"soon\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("skippingStages")
    void aSkippedRecordIsReportedWithTheReasonTheStageLogs(ProcessorFactory factory, String settings, String bad,
            String good, String reason) {
        try (ProcessorTester tester = ProcessorTester.create(factory, json(settings), Transforms.context(factory))) {
            assertThat(tester.process(record(bad), record(good))).hasSize(1);

            assertThat(tester.context().rejections()).singleElement().satisfies(rejection -> {
                assertThat(rejection.reason()).startsWith(reason);
                assertThat(tester.context().logLines().get(0)).contains(rejection.reason());
            }).extracting(Rejection::location, Rejection::input).containsExactly("", "");
        }
    }
}
