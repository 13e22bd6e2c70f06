package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * References in stage settings as {@link ConfigReader} reads them: resolved once into the settings the runtime
 * uses, written text kept for display, and every reference that cannot be resolved an error at its JSON path.
 */
class ConfigSecretsTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("DB_PASSWORD", "hunter2", "OUT", "out/e.jsonl");

    @TempDir
    Path home;

    private ConfigReader reader;
    private ConfigSource source;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(home.resolve("db.key"), "k3y\n");
        reader = new ConfigReader(ENVIRONMENT::get);
        source = new ConfigSource(home, home.resolve("config/patchbay.json"), true);
    }

    private ConfigReading read(String settings) {
        return reader.parseAll(source, ("{'pipelines': {'demo': {\n"
                + "  'source': {'use': 'a/source', 'settings': " + settings + "},\n"
                + "  'sink': {'use': 'c/sink'}}}}").replace('\'', '"'));
    }

    @Test
    void referencesAreResolvedIntoTheSettingsAndTheWrittenTextIsKeptForTheKeysThatHadThem() {
        ConfigReading reading = read("{'password': '${env:DB_PASSWORD}', 'url': 'jdbc:x?k=${file:db.key}',"
                + " 'nested': {'list': ['a', '${env:OUT}'], 'n': 1}, 'plain': 'p', 'escaped': '$${env:OUT}'}");

        assertThat(reading.errors()).isEmpty();
        StageConfig stage = reading.config().pipelines().get(0).source();
        assertThat(stage.settings()).containsEntry("password", "hunter2").containsEntry("url", "jdbc:x?k=k3y")
                .containsEntry("plain", "p").containsEntry("escaped", "${env:OUT}");
        assertThat(((Row) stage.settings().get("nested")).get("list")).isEqualTo(List.of("a", "out/e.jsonl"));
        assertThat(stage.referencedKeys()).containsExactlyInAnyOrder("password", "url", "nested");
        assertThat(stage.shown()).containsEntry("password", "${env:DB_PASSWORD}")
                .containsEntry("url", "jdbc:x?k=${file:db.key}").containsEntry("plain", "p");
        assertThat(((Row) stage.shown().get("nested")).get("list")).isEqualTo(List.of("a", "${env:OUT}"));
        assertThat(stage.shown().toString()).doesNotContain("hunter2", "k3y", "out/e.jsonl");
        assertThat(stage.toString()).doesNotContain("hunter2", "k3y", "out/e.jsonl");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{'password': '${env:NOPE}'}                | $.pipelines.demo.source.settings.password        | 2 | 58",
        "{'a': {'b': ['x', 'y${file:gone.txt}']}}   | $.pipelines.demo.source.settings.a.b[1]          | 2 | 63",
        "{'k': '${secret:x}'}                       | $.pipelines.demo.source.settings.k               | 2 | 51",
    })
    void aReferenceThatCannotBeResolvedIsAnErrorAtItsJsonPathLineAndColumn(String settings, String path, int line,
            int column) {
        ConfigReading reading = read(settings);

        assertThat(reading.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.location().line()).isEqualTo(line);
            assertThat(error.location().column()).isEqualTo(column);
        });
        assertThat(reading.stages()).as("a stage with an unresolved setting is not checked against its extension")
                .filteredOn(s -> s.stage().use().equals("a/source")).singleElement()
                .satisfies(s -> assertThat(s.settingsReadable()).isFalse());
    }

    @Test
    void aReferenceInTheDeadLetterStageAndInAProcessorIsResolvedToo() {
        ConfigReading reading = reader.parseAll(source, ("{'pipelines': {'demo': {"
                + " 'source': {'use': 'a/source'}, 'processors': [{'use': 'b/p', 'settings': {'k': '${env:OUT}'}}],"
                + " 'sink': {'use': 'c/sink'}, 'errors': {'tolerance': 'all', 'deadLetter': {'use': 'c/dead',"
                + " 'settings': {'path': '${env:OUT}'}}}}}}").replace('\'', '"'));

        assertThat(reading.errors()).isEmpty();
        PipelineConfig pipeline = reading.config().pipelines().get(0);
        assertThat(pipeline.processors().get(0).settings()).containsEntry("k", "out/e.jsonl");
        assertThat(pipeline.errors().deadLetter().orElseThrow().settings()).containsEntry("path", "out/e.jsonl");
        assertThat(pipeline.errors().deadLetter().orElseThrow().referencedKeys()).containsExactly("path");
    }

    @Test
    void theDefaultReaderReadsTheProcessEnvironment() {
        String name = System.getenv().keySet().stream().filter(k -> k.matches("[A-Za-z_][A-Za-z0-9_]*")).findFirst()
                .orElseThrow();
        ConfigReading reading = new ConfigReader().parseAll(source, ("{'pipelines': {'demo': {"
                + " 'source': {'use': 'a/source', 'settings': {'k': '${env:" + name + "}'}},"
                + " 'sink': {'use': 'c/sink'}}}}").replace('\'', '"'));

        assertThat(reading.config().pipelines().get(0).source().settings()).containsEntry("k", System.getenv(name));
    }
}
