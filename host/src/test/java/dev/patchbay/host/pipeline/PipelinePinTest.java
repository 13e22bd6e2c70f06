package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Row;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import dev.patchbay.host.plugin.VersionRange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The runtime creates each stage from the version its pin selects, and declares outputs from that version. */
class PipelinePinTest {

    @TempDir
    Path home;

    static Stream<Arguments> pins() {
        return Stream.of(Arguments.of(null, "2.1.0"), Arguments.of("<2.0.0", "1.0.0"), Arguments.of("2.x", "2.1.0"),
                Arguments.of(">=1.0.0 & <2.1.0", "2.0.0"));
    }

    @ParameterizedTest(name = "pin {0} runs {1}")
    @MethodSource("pins")
    void theSinkIsCreatedFromTheHighestStartedVersionInItsPin(String pin, String expected) throws Exception {
        Map<String, MemorySinkFactory> sinks = Map.of("1.0.0", new MemorySinkFactory(),
                "2.0.0", new MemorySinkFactory(), "2.1.0", new MemorySinkFactory());
        TestCatalog catalog = new TestCatalog().plugin("gen", new NumbersFactory());
        sinks.forEach((version, sink) -> catalog.version("mem", version, sink));
        String path = "$.pipelines.pinned";
        PipelineConfig pipeline = new PipelineConfig("pinned",
                new StageConfig("gen/numbers", Map.of("count", 100L), path + ".source"), List.of(),
                new StageConfig("mem/memory", Map.of(), path + ".sink", Map.of(),
                        Optional.ofNullable(pin).map(VersionRange::of)), 10, 10, 64, path);
        PipelineRuntime runtime = new PipelineRuntime(List.of(pipeline), catalog,
                new CheckpointStore(home.resolve("state")), home, PipelineRuntimeTest.LOGGERS);

        runtime.start();
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.exitCode()).isZero();
        sinks.forEach((version, sink) -> assertThat(sink.durable.stream().map(r -> (Long) r.get("n")).toList())
                .as("records written by mem %s", version)
                .isEqualTo(version.equals(expected) ? LongStream.range(0, 100).boxed().toList() : List.<Row>of()));
    }

    @ParameterizedTest(name = "pin {0} declares the outputs of {1}")
    @MethodSource("pins")
    void aSinksOutputsAreThoseOfTheVersionItsPinSelects(String pin, String expected) {
        TestCatalog catalog = new TestCatalog();
        for (String version : List.of("1.0.0", "2.0.0", "2.1.0")) {
            catalog.version("files", version, new NamedOutputSink("jsonl-sink", "out" + version.replace(".", "")));
        }
        StageConfig sink = new StageConfig("files/jsonl-sink", Map.of(), "$.pipelines.p.sink", Map.of(),
                Optional.ofNullable(pin).map(VersionRange::of));

        assertThat(SinkOutputs.declared(catalog).of(sink)).containsExactly("out" + expected.replace(".", ""));
    }

    /** A sink whose one output-path setting is named after its version. */
    private record NamedOutputSink(String name, String key) implements dev.patchbay.api.SinkFactory,
            TestCatalog.Named {
        @Override
        public List<dev.patchbay.api.Setting> settings() {
            return List.of(dev.patchbay.api.Setting.optional(key, dev.patchbay.api.SettingType.STRING, "Out.")
                    .asOutputPath());
        }

        @Override
        public dev.patchbay.api.Sink create(dev.patchbay.api.Settings settings,
                dev.patchbay.api.ExtensionContext context) {
            throw new UnsupportedOperationException();
        }
    }
}
