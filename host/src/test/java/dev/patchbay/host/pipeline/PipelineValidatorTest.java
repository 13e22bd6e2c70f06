package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Position;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
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
import dev.patchbay.host.config.Location;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.plugin.Problem;
import dev.patchbay.host.plugin.ProblemCode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineValidatorTest {

    private static final String P = "$.pipelines.demo";

    @Extension(name = "csv-source")
    public static final class CsvSourceFactory implements SourceFactory {
        @Override
        public List<Setting> settings() {
            return List.of(Setting.required("path", SettingType.STRING, "The file to read."),
                    Setting.optional("limit", SettingType.LONG, "Most records to read.").withDefault(10L),
                    Setting.optional("mode", SettingType.STRING, "How to read.").withDefault("fast")
                            .oneOf("fast", "slow"));
        }

        @Override
        public Source create(Settings settings, SourceContext context) {
            return new Source() {
                @Override
                public Poll poll(Emitter out) {
                    return Poll.END;
                }

                @Override
                public Position position() {
                    return new Position("");
                }
            };
        }
    }

    @Extension(name = "filter")
    public static final class FilterFactory implements ProcessorFactory {
        @Override
        public List<Setting> settings() {
            return List.of(Setting.required("field", SettingType.STRING, "The field to test."));
        }

        @Override
        public Processor create(Settings settings, ExtensionContext context) {
            return (record, out) -> out.emit(record);
        }
    }

    @Extension(name = "jsonl-sink")
    public static final class JsonlSinkFactory implements SinkFactory {
        @Override
        public List<Setting> settings() {
            return List.of();
        }

        @Override
        public Sink create(Settings settings, ExtensionContext context) {
            return new Sink() {
                @Override
                public void write(List<Row> batch) {
                }

                @Override
                public void flush() {
                }
            };
        }
    }

    @Extension(name = "broken")
    public static final class BrokenSettingsFactory implements ProcessorFactory {
        @Override
        public List<Setting> settings() {
            throw new IllegalStateException("settings table not initialised");
        }

        @Override
        public Processor create(Settings settings, ExtensionContext context) {
            throw new UnsupportedOperationException();
        }
    }

    private static TestCatalog catalog() {
        return new TestCatalog()
                .plugin("files", new CsvSourceFactory(), new JsonlSinkFactory())
                .plugin("transforms", new FilterFactory(), new BrokenSettingsFactory())
                .plugin("off", PluginState.DISABLED, List.of(), new FilterFactory())
                .plugin("bad", PluginState.FAILED,
                        List.of(new Problem(ProblemCode.API_INCOMPATIBLE, "requires api >=2.0.0")),
                        new FilterFactory());
    }

    private static StageConfig source(Map<String, Object> settings) {
        return new StageConfig("files/csv-source", settings, P + ".source");
    }

    private static StageConfig stage(String use, Map<String, Object> settings, String path) {
        return new StageConfig(use, settings, path);
    }

    private static PipelineConfig pipeline(StageConfig source, List<StageConfig> processors, StageConfig sink) {
        return new PipelineConfig("demo", source, processors, sink, 500, 200, 1024, P);
    }

    private static StageConfig goodSink() {
        return stage("files/jsonl-sink", Map.of(), P + ".sink");
    }

    private static StageConfig processor(String use, Map<String, Object> settings) {
        return stage(use, settings, P + ".processors[0]");
    }

    /** A valid pipeline that sends rejected records to {@code deadLetter}. */
    private static PipelineConfig withDeadLetter(String use, Map<String, Object> settings) {
        return pipeline(source(Map.of("path", "in.csv")), List.of(), goodSink()).withErrors(new ErrorPolicy(
                ErrorPolicy.Tolerance.ALL, Optional.of(stage(use, settings, P + ".errors.deadLetter")),
                ErrorPolicy.MAX_FAILURES, ErrorPolicy.DEFAULT_MAX_FAILURE_RATIO));
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Stream<Arguments> errorClasses() {
        Map<String, Object> path = Map.of("path", "in.csv");
        return Stream.of(
                Arguments.of("malformed use reference",
                        pipeline(new StageConfig("csv-source", path, P + ".source"), List.of(), goodSink()),
                        P + ".source.use", "is not a reference of the form plugin-id/extension-name",
                        "\"files/csv-source\""),
                Arguments.of("unknown plugin",
                        pipeline(new StageConfig("fils/csv-source", path, P + ".source"), List.of(), goodSink()),
                        P + ".source.use", "plugin 'fils' of \"fils/csv-source\" is not installed",
                        "did you mean 'files'?"),
                Arguments.of("unknown extension",
                        pipeline(new StageConfig("files/csv-sorce", path, P + ".source"), List.of(), goodSink()),
                        P + ".source.use", "plugin 'files' has no source named 'csv-sorce'",
                        "did you mean 'csv-source'?"),
                Arguments.of("extension of the wrong kind",
                        pipeline(new StageConfig("files/jsonl-sink", Map.of(), P + ".source"), List.of(), goodSink()),
                        P + ".source.use", "\"files/jsonl-sink\" is a sink, but this stage needs a source",
                        "[files/csv-source]"),
                Arguments.of("disabled plugin",
                        pipeline(source(path), List.of(processor("off/filter", Map.of("field", "a"))), goodSink()),
                        P + ".processors[0].use", "plugin 'off' of \"off/filter\" is disabled",
                        "patchbay plugins enable off"),
                Arguments.of("failed plugin",
                        pipeline(source(path), List.of(processor("bad/filter", Map.of("field", "a"))), goodSink()),
                        P + ".processors[0].use", "PB-PLUGIN-005: requires api >=2.0.0",
                        "patchbay plugins info bad"),
                Arguments.of("missing required setting",
                        pipeline(source(Map.of()), List.of(), goodSink()),
                        P + ".source.settings", "setting 'path' is required but missing",
                        "add \"path\": <string> (The file to read.)"),
                Arguments.of("wrong type",
                        pipeline(source(ordered("path", "in.csv", "limit", "ten")), List.of(), goodSink()),
                        P + ".source.settings.limit", "expected an integer but got string \"ten\"",
                        "give an integer"),
                Arguments.of("value outside the choices",
                        pipeline(source(ordered("path", "in.csv", "mode", "medium")), List.of(), goodSink()),
                        P + ".source.settings.mode", "expected one of [fast, slow] but got \"medium\"",
                        "use one of [fast, slow]"),
                Arguments.of("unknown setting key",
                        pipeline(source(ordered("path", "in.csv", "limt", 5L)), List.of(), goodSink()),
                        P + ".source.settings.limt", "setting 'limt' is not a setting of this extension",
                        "did you mean 'limit'?"),
                Arguments.of("pipeline name unusable as a file name",
                        new PipelineConfig("my demo/1", source(path), List.of(), goodSink(), 1, 0, 1, P),
                        P, "pipeline name 'my demo/1' cannot name its threads", "rename it"),
                Arguments.of("dead letter: malformed use reference", withDeadLetter("jsonl-sink", Map.of()),
                        P + ".errors.deadLetter.use", "is not a reference of the form plugin-id/extension-name",
                        "\"files/jsonl-sink\""),
                Arguments.of("dead letter: unknown plugin", withDeadLetter("nope/jsonl-sink", Map.of()),
                        P + ".errors.deadLetter.use", "plugin 'nope' of \"nope/jsonl-sink\" is not installed",
                        "installed plugins are [files, transforms, off, bad]"),
                Arguments.of("dead letter: unknown extension", withDeadLetter("files/jsonl-snk", Map.of()),
                        P + ".errors.deadLetter.use", "plugin 'files' has no sink named 'jsonl-snk'",
                        "did you mean 'jsonl-sink'?"),
                Arguments.of("dead letter: extension that is not a sink", withDeadLetter("files/csv-source", Map.of()),
                        P + ".errors.deadLetter.use", "\"files/csv-source\" is a source, but this stage needs a sink",
                        "[files/jsonl-sink]"),
                Arguments.of("dead letter: disabled plugin", withDeadLetter("off/filter", Map.of()),
                        P + ".errors.deadLetter.use", "plugin 'off' of \"off/filter\" is disabled",
                        "patchbay plugins enable off"),
                Arguments.of("dead letter: failed plugin", withDeadLetter("bad/filter", Map.of()),
                        P + ".errors.deadLetter.use", "PB-PLUGIN-005: requires api >=2.0.0",
                        "patchbay plugins info bad"),
                Arguments.of("dead letter: settings the factory does not take",
                        withDeadLetter("files/jsonl-sink", Map.of("pth", "dead.jsonl")),
                        P + ".errors.deadLetter.settings.pth", "setting 'pth' is not a setting of this extension",
                        "remove it; the extension takes no settings"),
                Arguments.of("settings description that throws",
                        pipeline(source(path), List.of(processor("transforms/broken", Map.of())), goodSink()),
                        P + ".processors[0].use", "settings table not initialised",
                        "report this to the plugin's provider"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorClasses")
    void eachErrorClassIsReportedWithItsPathMessageAndFix(String errorClass, PipelineConfig pipeline, String path,
            String message, String fix) {
        List<ConfigError> errors = new PipelineValidator().validate(pipeline, catalog(), ConfigLocations.none());

        assertThat(errors).as(errorClass).hasSize(1);
        ConfigError error = errors.get(0);
        assertThat(error.path()).isEqualTo(path);
        assertThat(error.message()).contains(message).containsPattern("pipeline (name )?'");
        assertThat(error.fix()).contains(fix);
    }

    @Test
    void aPluginTheConfigurationDisablesIsReportedAsDisabledEvenWhenThePlatformDoesNotListIt() {
        PipelineConfig pipeline = pipeline(source(Map.of("path", "in.csv")),
                List.of(processor("hidden/filter", Map.of())), goodSink());
        PatchbayConfig config = new PatchbayConfig(Path.of("patchbay.json"), Path.of("."), Path.of("plugins"),
                Set.of(), Set.of("hidden"), Path.of("state"), "text", "INFO", 30, List.of(pipeline),
                ConfigLocations.none());

        assertThat(new PipelineValidator().validate(config, catalog())).singleElement()
                .satisfies(error -> assertThat(error.fix()).isEqualTo("run `patchbay plugins enable hidden`"));
    }

    @Test
    void aValidPipelineHasNoErrors() {
        PipelineConfig pipeline = pipeline(source(Map.of("path", "in.csv")),
                List.of(processor("transforms/filter", Map.of("field", "a"))), goodSink());

        assertThat(new PipelineValidator().validate(pipeline, catalog(), ConfigLocations.none())).isEmpty();
    }

    @Test
    void aValidDeadLetterStageHasNoErrors() {
        assertThat(new PipelineValidator().validate(withDeadLetter("files/jsonl-sink", Map.of()), catalog(),
                ConfigLocations.none())).isEmpty();
    }

    @Test
    void aDeadLetterStageOfAPluginTheConfigurationDisablesIsReportedAsDisabled() {
        PatchbayConfig config = new PatchbayConfig(Path.of("patchbay.json"), Path.of("."), Path.of("plugins"),
                Set.of(), Set.of("hidden"), Path.of("state"), "text", "INFO", 30,
                List.of(withDeadLetter("hidden/sink", Map.of())), ConfigLocations.none());

        assertThat(new PipelineValidator().validate(config, catalog())).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(P + ".errors.deadLetter.use");
            assertThat(error.fix()).isEqualTo("run `patchbay plugins enable hidden`");
        });
    }

    @Test
    void deadLetterErrorsCarryTheLineAndColumnOfTheDeadLetterStage() {
        PipelineConfig unknown = withDeadLetter("files/jsonl-snk", Map.of());
        PipelineConfig settings = withDeadLetter("files/jsonl-sink", ordered("pth", "x", "mode", 1L));
        ConfigLocations locations = new ConfigLocations(Map.of(
                "$", new Location(1, 1),
                P + ".sink.use", new Location(6, 24),
                P + ".errors.deadLetter", new Location(9, 21),
                P + ".errors.deadLetter.use", new Location(9, 29),
                P + ".errors.deadLetter.settings.pth", new Location(9, 62),
                P + ".errors.deadLetter.settings.mode", new Location(9, 75)));

        assertThat(new PipelineValidator().validate(unknown, catalog(), locations))
                .extracting(ConfigError::location).containsExactly(new Location(9, 29));
        assertThat(new PipelineValidator().validate(settings, catalog(), locations))
                .extracting(ConfigError::location).containsExactly(new Location(9, 62), new Location(9, 75));
    }

    @Test
    void everyErrorOfEveryPipelineIsReportedAtOnceWithItsLineAndColumn() {
        PipelineConfig first = pipeline(source(ordered("limit", "ten", "limt", 1L)),
                List.of(processor("off/filter", Map.of())), stage("files/csv-source", Map.of(), P + ".sink"));
        PipelineConfig second = new PipelineConfig("other", new StageConfig("nope", Map.of(),
                "$.pipelines.other.source"), List.of(), new StageConfig("files/jsonl-sink", Map.of(),
                "$.pipelines.other.sink"), 1, 0, 1, "$.pipelines.other");
        ConfigLocations locations = new ConfigLocations(Map.of(
                "$", new Location(1, 1),
                P + ".source.settings", new Location(4, 40),
                P + ".source.settings.limit", new Location(4, 50),
                "$.pipelines.other.source.use", new Location(9, 28)));
        PatchbayConfig config = new PatchbayConfig(Path.of("patchbay.json"), Path.of("."), Path.of("plugins"),
                Set.of(), Set.of(), Path.of("state"), "text", "INFO", 30, List.of(first, second), locations);

        List<ConfigError> errors = new PipelineValidator().validate(config, catalog());

        assertThat(errors).extracting(ConfigError::path).containsExactly(
                P + ".source.settings", P + ".source.settings.limit", P + ".source.settings.limt",
                P + ".processors[0].use", P + ".sink.use", "$.pipelines.other.source.use");
        assertThat(errors).extracting(ConfigError::location).containsExactly(
                new Location(4, 40), new Location(4, 50), new Location(4, 40), new Location(1, 1),
                new Location(1, 1), new Location(9, 28));
    }
}
