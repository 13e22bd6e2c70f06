package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.patchbay.host.plugin.ExtensionKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link ConfigReader#readAll} keeps of a file with errors, for {@code config check} to go on with. */
class ConfigReadingTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final ConfigSource SOURCE = new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false);

    private final ConfigReader reader = new ConfigReader();

    private ConfigReading reading(String text) {
        return reader.parseAll(SOURCE, text.replace('\'', '"'));
    }

    @Test
    void everyStageWhoseUseCanBeReadIsListedInFileOrderEvenInAnInvalidPipeline() {
        ConfigReading reading = reading("{'pipelines': {'demo': {'batchSize': 'x',"
                + " 'source': {'use': 'a/source'}, 'processors': [{'use': 'b/one'}, {'use': 7}, {'use': 'b/two'}],"
                + " 'sink': {'use': 'c/sink'},"
                + " 'errors': {'tolerance': 'none', 'deadLetter': {'use': 'c/dead'}}}}}");

        assertThat(reading.valid()).isFalse();
        assertThat(reading.config().pipelines()).as("only valid pipelines are runnable").isEmpty();
        assertThat(reading.stages()).extracting(s -> s.pipeline() + " " + s.kind() + " " + s.stage().use() + " "
                + s.stage().path()).containsExactly(
                        "demo SOURCE a/source $.pipelines.demo.source",
                        "demo PROCESSOR b/one $.pipelines.demo.processors[0]",
                        "demo PROCESSOR b/two $.pipelines.demo.processors[2]",
                        "demo SINK c/sink $.pipelines.demo.sink",
                        "demo SINK c/dead $.pipelines.demo.errors.deadLetter");
        assertThat(reading.stages()).allMatch(StageUse::settingsReadable);
    }

    @Test
    void settingsThatCannotBeReadAsWrittenLeaveOnlyTheUseToCheckAndSaySo() {
        ConfigReading reading = reading("{'pipelines': {'demo': {"
                + " 'source': {'use': 'a/source', 'settings': 'path=in.csv'},"
                + " 'sink': {'use': 'c/sink', 'settings': {'limit': 99999999999999999999, 'path': 'out.jsonl'}}}}}");

        assertThat(reading.stages()).extracting(StageUse::kind, StageUse::settingsReadable)
                .containsExactly(tuple(ExtensionKind.SOURCE, false), tuple(ExtensionKind.SINK, false));
        assertThat(reading.errors()).extracting(ConfigError::fix).satisfiesExactly(
                fix -> assertThat(fix).endsWith("the settings are checked against the extension once they are an "
                        + "object"),
                fix -> assertThat(fix).endsWith("the stage's other settings are checked against its extension once "
                        + "this is fixed"));
    }

    @Test
    void valuesThatCannotBeReadAreReplacedByTheirDefaultsAndOrThrowReportsTheSameErrors() {
        ConfigReading reading = reading("{'runtime': {'shutdownGraceSeconds': -1}, 'state': {'directory': 5},"
                + " 'logging': {'level': 'DEBUG'}}");

        assertThat(reading.config().shutdownGraceSeconds()).isEqualTo(30);
        assertThat(reading.config().stateDirectory()).isEqualTo(HOME.resolve("state"));
        assertThat(reading.config().logLevel()).as("what could be read is kept").isEqualTo("DEBUG");
        assertThat(reading.selectionReadable()).isTrue();
        ConfigException thrown = catchThrowableOfType(ConfigException.class, reading::orThrow);
        assertThat(thrown.errors()).isEqualTo(reading.errors()).hasSize(2);
        assertThat(catchThrowableOfType(ConfigException.class, () -> reader.parse(SOURCE,
                "{'runtime': {'shutdownGraceSeconds': -1}, 'state': {'directory': 5}}".replace('\'', '"'))).errors())
                .extracting(ConfigError::path).containsExactly("$.runtime.shutdownGraceSeconds", "$.state.directory");
    }

    @Test
    void anErrorInThePluginsSectionMakesTheSelectionUnreadable() {
        assertThat(reading("{'plugins': {'enabled': 'files'}}").selectionReadable()).isFalse();
        assertThat(reading("{'plugins': {'disabled': ['a', 3]}}").selectionReadable()).isFalse();
        assertThat(reading("{'plugins': {'enabld': []}}").selectionReadable()).isFalse();
        assertThat(reading("{'plugins': 'all'}").selectionReadable()).isFalse();
        assertThat(reading("{'pluginz': {}}").selectionReadable()).as("a key outside the section").isTrue();
    }

    @Test
    void aPipelineNameLongerThanOneHundredCharactersIsAnErrorAtTheName() {
        String name = "p".repeat(101);

        List<ConfigError> errors = reading("{'pipelines': {\n  '" + name + "': {'source': {'use': 'a/b'},"
                + " 'sink': {'use': 'c/d'}}}}").errors();

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.message()).isEqualTo("pipeline name \"" + name + "\" is not valid");
            assertThat(error.fix()).startsWith("use at most 100 letters");
            assertThat(error.location()).isEqualTo(new Location(2, 3));
        });
        assertThat(reading("{'pipelines': {'" + "p".repeat(100) + "': {'source': {'use': 'a/b'},"
                + " 'sink': {'use': 'c/d'}}}}").valid()).isTrue();
    }

    @Test
    void theReadingOfAValidConfigurationListsTheStagesOfAllItsPipelines() {
        PatchbayConfig config = reader.parse(SOURCE, "{'pipelines': {'a': {'source': {'use': 'x/s'}, 'sink':"
                .replace('\'', '"') + " {\"use\": \"x/k\"}}}}");

        ConfigReading reading = ConfigReading.of(config);

        assertThat(reading.valid()).isTrue();
        assertThat(reading.stages()).extracting(s -> s.stage().use()).containsExactly("x/s", "x/k");
        assertThat(reading.orThrow()).isSameAs(config);
    }
}
