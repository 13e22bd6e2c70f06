package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.host.config.ErrorPolicy;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.RestartPolicy;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.config.Timeouts;
import dev.patchbay.host.pipeline.PipelineEndpoints.OutputPath;
import dev.patchbay.host.pipeline.PipelineEndpoints.SinkOutput;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where a pipeline's output goes, from the settings its sinks' plugins declare as output paths. */
class SinkOutputsTest {

    private static final Path HOME = Path.of("/opt/patchbay");

    private static PipelineConfig pipeline() {
        Map<String, Object> sink = new LinkedHashMap<>();
        sink.put("path", "out/../out/people.jsonl");
        sink.put("gzip", true);
        sink.put("archive", "/var/archive/people.jsonl");
        sink.put("empty", "");
        StageConfig deadLetter = new StageConfig("files/jsonl-sink", Map.of("path", "out/rejected.jsonl"),
                "$.pipelines.people.errors.deadLetter");
        return new PipelineConfig("people", new StageConfig("files/csv-source", Map.of("path", "data/in.csv"),
                "$.pipelines.people.source"), List.of(), new StageConfig("files/jsonl-sink", sink,
                "$.pipelines.people.sink"), 500, 200, 1024, Timeouts.DEFAULT, new ErrorPolicy(ErrorPolicy.Tolerance.ALL,
                Optional.of(deadLetter), 10, 0.5), RestartPolicy.DEFAULT, 0, "$.pipelines.people");
    }

    @Test
    void declaredOutputPathsResolveAgainstTheHomeAndOtherSettingsAreNotPaths() {
        SinkOutputs.OutputKeys keys = stage -> Set.of("path", "archive", "empty", "gzip");

        List<SinkOutput> outputs = SinkOutputs.of(pipeline(), HOME, keys);

        assertThat(outputs).extracting(SinkOutput::stage).containsExactly("sink", "errors.deadLetter");
        assertThat(outputs.get(0).paths()).containsExactly(
                new OutputPath("path", Path.of("/opt/patchbay/out/people.jsonl")),
                new OutputPath("archive", Path.of("/var/archive/people.jsonl")));
        assertThat(outputs.get(1).paths()).containsExactly(
                new OutputPath("path", Path.of("/opt/patchbay/out/rejected.jsonl")));
    }

    @Test
    void withoutDeclaredPathsEachSinkKeepsItsUseAndSettingsForTheSummary() {
        List<SinkOutput> outputs = SinkOutputs.of(pipeline(), HOME, stage -> Set.of());

        assertThat(outputs.get(0).paths()).isEmpty();
        assertThat(outputs.get(0).use()).isEqualTo("files/jsonl-sink");
        assertThat(outputs.get(0).settings()).containsEntry("path", "out/../out/people.jsonl");
        assertThat(new TestCatalog()).satisfies(catalog -> assertThat(SinkOutputs.declared(catalog)
                .of(pipeline().sink())).as("a sink the catalog does not have declares nothing").isEmpty());
    }

    /** A sink that writes {@code path} and {@code archive} and says so, and has one setting that is no path. */
    @Extension(name = "jsonl-sink")
    public static final class DeclaringSink implements SinkFactory {
        private final boolean fails;

        DeclaringSink(boolean fails) {
            this.fails = fails;
        }

        @Override
        public List<Setting> settings() {
            if (fails) {
                throw new IllegalStateException("settings() broke after validation");
            }
            return List.of(Setting.required("path", SettingType.STRING, "File to write.").asOutputPath(),
                    Setting.optional("archive", SettingType.STRING, "Copy to write.").asOutputPath(),
                    Setting.optional("source", SettingType.STRING, "File it reads.").asInputPath(),
                    Setting.optional("gzip", SettingType.BOOLEAN, "Compress."));
        }

        @Override
        public Sink create(Settings settings, ExtensionContext context) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theOutputKeysAreTheSettingsThePluginDeclaresAsOutputPaths() {
        TestCatalog catalog = new TestCatalog().plugin("files", new DeclaringSink(false));

        assertThat(SinkOutputs.declared(catalog).of(pipeline().sink())).containsExactlyInAnyOrder("path", "archive");
        assertThat(SinkOutputs.of(pipeline(), HOME, SinkOutputs.declared(catalog)).get(0).paths()).containsExactly(
                new OutputPath("path", Path.of("/opt/patchbay/out/people.jsonl")),
                new OutputPath("archive", Path.of("/var/archive/people.jsonl")));
    }

    @Test
    void aPluginWhoseSettingsBreakAfterValidationDeclaresNothingAndTheSummaryShowsItsSettings() {
        TestCatalog catalog = new TestCatalog().plugin("files", new DeclaringSink(true));

        assertThat(SinkOutputs.declared(catalog).of(pipeline().sink())).isEmpty();
    }
}
