package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceContext;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.ErrorPolicy;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.plugin.Problem;
import dev.patchbay.host.plugin.ProblemCode;
import dev.patchbay.host.plugin.VersionRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator with several versions of one plugin installed: a stage is judged against the highest started
 * version in its pin, and a pin that nothing satisfies lists the installed versions.
 */
class PipelineValidatorVersionsTest {

    private static final String P = "$.pipelines.orders";
    private static final Problem DUPLICATE = new Problem(ProblemCode.DUPLICATE_ID, "files-1.1.0.jar and copy.jar");

    /** A source whose one required setting is named after the version that provides it. */
    private record KeyedSource(String name, String key) implements SourceFactory, TestCatalog.Named {
        @Override
        public List<Setting> settings() {
            return List.of(Setting.required(key, SettingType.STRING, "The file."));
        }

        @Override
        public Source create(Settings settings, SourceContext context) {
            throw new UnsupportedOperationException();
        }
    }

    private record NamedSink(String name) implements SinkFactory, TestCatalog.Named {
        @Override
        public List<Setting> settings() {
            return List.of();
        }

        @Override
        public Sink create(Settings settings, ExtensionContext context) {
            throw new UnsupportedOperationException();
        }
    }

    private record NamedProcessor(String name) implements ProcessorFactory, TestCatalog.Named {
        @Override
        public List<Setting> settings() {
            return List.of();
        }

        @Override
        public Processor create(Settings settings, ExtensionContext context) {
            throw new UnsupportedOperationException();
        }
    }

    /** files 1.0.0 (source setting "path"), 1.1.0 FAILED, 1.2.0 (source setting "file"), each with a sink. */
    private static TestCatalog threeVersions() {
        return new TestCatalog()
                .version("files", "1.0.0", new KeyedSource("csv-source", "path"), new NamedSink("jsonl-sink"))
                .version("files", "1.1.0", PluginState.FAILED, List.of(DUPLICATE),
                        new KeyedSource("csv-source", "path"), new NamedSink("jsonl-sink"))
                .version("files", "1.2.0", new KeyedSource("csv-source", "file"), new NamedSink("jsonl-sink"))
                .plugin("transforms", new NamedProcessor("filter"));
    }

    private static StageConfig stage(String use, Map<String, Object> settings, String path, String pin) {
        return new StageConfig(use, settings, path, Map.of(), Optional.ofNullable(pin).map(VersionRange::of));
    }

    private static PipelineConfig pipeline(StageConfig source, StageConfig sink) {
        return new PipelineConfig("orders", source, List.of(), sink, 500, 200, 1024, P);
    }

    private static StageConfig source(String key, String pin) {
        return stage("files/csv-source", Map.of(key, "in.csv"), P + ".source", pin);
    }

    private static StageConfig sink(String pin) {
        return stage("files/jsonl-sink", Map.of(), P + ".sink", pin);
    }

    private static List<ConfigError> validate(PipelineConfig pipeline, TestCatalog catalog) {
        return new PipelineValidator().validate(pipeline, catalog, ConfigLocations.none());
    }

    static Stream<Arguments> resolutions() {
        return Stream.of(
                Arguments.of("unpinned: the highest started version", "file", null, true),
                Arguments.of("unpinned: not a lower version's settings", "path", null, false),
                Arguments.of("a pin below the highest", "path", "<1.2.0", true),
                Arguments.of("a pin below the highest, judged on that version", "file", "<1.2.0", false),
                // 1.1.0 FAILED: the pin skips it for the highest started version in range.
                Arguments.of("a failed version in the pin is passed over", "path", ">=1.0.0 & <1.2.0", true),
                Arguments.of("an exact pin", "file", "=1.2.0", true),
                Arguments.of("an open pin", "file", "1.x", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resolutions")
    void aStageIsJudgedOnTheHighestStartedVersionInItsPin(String name, String key, String pin, boolean valid) {
        List<ConfigError> errors = validate(pipeline(source(key, pin), sink(null)), threeVersions());

        if (valid) {
            assertThat(errors).isEmpty();
        } else {
            assertThat(errors).extracting(ConfigError::message)
                    .anySatisfy(message -> assertThat(message).contains("setting '" + key + "' is not a setting"));
        }
    }

    static Stream<Arguments> unsatisfiedPins() {
        String versions = "the installed versions are 1.0.0 (STARTED), 1.1.0 (FAILED: PB-PLUGIN-004), "
                + "1.2.0 (STARTED)";
        StageConfig goodSource = source("file", null);
        return Stream.of(
                Arguments.of(pipeline(source("file", ">=2.0.0"), sink(null)), P + ".source",
                        "stage source of pipeline 'orders' pins plugin 'files' to '>=2.0.0' but " + versions),
                Arguments.of(pipeline(goodSource, sink("<1.0.0")), P + ".sink",
                        "stage sink of pipeline 'orders' pins plugin 'files' to '<1.0.0' but " + versions),
                Arguments.of(new PipelineConfig("orders", goodSource,
                        List.of(stage("files/jsonl-sink", Map.of(), P + ".processors[0]", "0.x")), sink(null), 500,
                        200, 1024, P), P + ".processors[0]",
                        "stage processors[0] of pipeline 'orders' pins plugin 'files' to '0.x' but " + versions),
                Arguments.of(pipeline(goodSource, sink(null)).withErrors(new ErrorPolicy(ErrorPolicy.Tolerance.ALL,
                        Optional.of(stage("files/jsonl-sink", Map.of(), P + ".errors.deadLetter", "=3.0.0")),
                        ErrorPolicy.MAX_FAILURES, ErrorPolicy.DEFAULT_MAX_FAILURE_RATIO)), P + ".errors.deadLetter",
                        "stage errors.deadLetter of pipeline 'orders' pins plugin 'files' to '=3.0.0' but "
                                + versions));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unsatisfiedPins")
    void aPinThatNothingSatisfiesListsTheInstalledVersions(PipelineConfig pipeline, String stagePath,
            String message) {
        List<ConfigError> errors = validate(pipeline, threeVersions());

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path()).isEqualTo(stagePath + ".version");
        assertThat(errors.get(0).message()).isEqualTo(message);
        assertThat(errors.get(0).fix()).isEqualTo("install a version in that range or change the pin");
    }

    @Test
    void aPinSatisfiedOnlyByAFailedVersionReportsThatVersionsProblems() {
        List<ConfigError> errors = validate(pipeline(source("path", "=1.1.0"), sink(null)), threeVersions());

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(P + ".source.use");
            assertThat(error.message()).isEqualTo("pipeline 'orders': plugin 'files' 1.1.0 of \"files/csv-source\""
                    + " failed to load: PB-PLUGIN-004: files-1.1.0.jar and copy.jar");
        });
    }

    @Test
    void aPinnedVersionWithoutTheExtensionSaysSoEvenIfAnotherVersionHasIt() {
        TestCatalog catalog = new TestCatalog()
                .version("files", "1.0.0", new NamedSink("jsonl-sink"))
                .version("files", "2.0.0", new KeyedSource("csv-source", "file"), new NamedSink("jsonl-sink"));

        List<ConfigError> errors = validate(pipeline(source("file", "1.x"), sink(null)), catalog);

        assertThat(errors).extracting(ConfigError::message)
                .containsExactly("pipeline 'orders': plugin 'files' 1.0.0 has no source named 'csv-source'");
    }

    @Test
    void aStageUsesALowerVersionWhenTheHighestHasNoSuchExtension() {
        TestCatalog catalog = new TestCatalog()
                .version("files", "1.0.0", new KeyedSource("csv-source", "path"), new NamedSink("jsonl-sink"))
                .version("files", "2.0.0", new NamedSink("jsonl-sink"));

        assertThat(validate(pipeline(source("path", null), sink(null)), catalog)).isEmpty();
    }

    @Test
    void aPinnedStageOfAPluginThatIsNotInstalledKeepsTheMissingPluginMessage() {
        List<ConfigError> errors = validate(pipeline(source("file", null),
                stage("fils/jsonl-sink", Map.of(), P + ".sink", "1.x")), threeVersions());

        assertThat(errors).extracting(ConfigError::message)
                .containsExactly("pipeline 'orders': plugin 'fils' of \"fils/jsonl-sink\" is not installed");
    }

    @Test
    void oneVersionInstalledKeepsTheMessagesWithoutAVersion() {
        TestCatalog catalog = new TestCatalog().plugin("files", PluginState.FAILED, List.of(DUPLICATE),
                new KeyedSource("csv-source", "path"));

        List<ConfigError> errors = validate(pipeline(source("path", null), sink(null)), catalog);

        assertThat(errors).extracting(ConfigError::message).first().asString()
                .startsWith("pipeline 'orders': plugin 'files' of \"files/csv-source\" failed to load");
    }
}
