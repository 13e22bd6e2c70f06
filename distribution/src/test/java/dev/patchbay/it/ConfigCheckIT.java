package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 section 4 through the real launcher and the shipped plugins: file-level and plugin-level errors in
 * one report, a configuration that starts with a byte-order mark, and a FAILED plugin as a warning.
 */
class ConfigCheckIT {

    /** Two problems of the file itself (lines 2 and 8) and two found by the plugins (lines 5 and 6). */
    private static final String FOUR_PROBLEMS = """
            {
              "bogus": true,
              "pipelines": {
                "people": {
                  "source": {"use": "files/csv-source", "settings": {"path": "data/in.csv", "header": "yes"}},
                  "processors": [{"use": "transforms/filtr"}],
                  "sink": {"use": "files/jsonl-sink", "settings": {"path": "out/people.jsonl"}},
                  "batchSize": "500"
                }
              }
            }
            """;

    @TempDir
    Path temp;

    private Patchbay home() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        patchbay.copyPlugins();
        Files.createDirectories(patchbay.home().resolve("state"));
        return patchbay;
    }

    private static Stream<JsonNode> elements(JsonNode array) {
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(array::get);
    }

    @Test
    void fileLevelAndPluginLevelErrorsAreReportedInOnePass() throws Exception {
        Patchbay patchbay = home();
        patchbay.config(FOUR_PROBLEMS);

        // --start: the settings of a stage are checked against its factory's description, read in a separate JVM.
        Patchbay.Result text = patchbay.run("config", "check", "--start");
        Patchbay.Result json = patchbay.run("config", "check", "--start", "--json");

        assertThat(text.exitCode()).as(text.toString()).isEqualTo(2);
        String errors = text.stderr().substring(text.stderr().indexOf("4 errors in ")).split("\\d+ warnings? in ")[0];
        assertThat(errors.lines().filter(line -> line.startsWith("  $")).toList()).containsExactly(
                "  $.bogus (line 2, column 3)",
                "  $.pipelines.people.source.settings.header (line 5, column 91)",
                "  $.pipelines.people.processors[0].use (line 6, column 30)",
                "  $.pipelines.people.batchSize (line 8, column 20)");
        assertThat(errors).contains("did you mean 'filter'?").contains("expected a boolean");
        assertThat(json.exitCode()).isEqualTo(2);
        List<String> located = elements(new ObjectMapper().readTree(json.stdout()).get("errors"))
                .map(e -> e.get("path").asText() + " " + e.get("line").asInt() + ":" + e.get("column").asInt())
                .toList();
        assertThat(located).containsExactly("$.bogus 2:3", "$.pipelines.people.source.settings.header 5:91",
                "$.pipelines.people.processors[0].use 6:30", "$.pipelines.people.batchSize 8:20");
    }

    @Test
    void aConfigurationThatStartsWithAByteOrderMarkIsAccepted() throws Exception {
        Patchbay patchbay = home();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write(Files.readAllBytes(Patchbay.dist().resolve("config/patchbay.json")));
        Files.write(patchbay.home().resolve("config/patchbay.json"), bytes.toByteArray());

        Patchbay.Result check = patchbay.run("config", "check");
        Patchbay.Result list = patchbay.run("plugins", "list");

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.stdout()).startsWith("configuration OK").contains("(2 pipelines, ");
        assertThat(check.output()).doesNotContain("65279").doesNotContain("0xfeff");
        assertThat(list.exitCode()).as(list.toString()).isZero();
    }

    @Test
    void aFailedPluginIsListedAsAWarningAndTheCheckPasses() throws Exception {
        Patchbay patchbay = home();
        Path broken = Files.writeString(patchbay.home().resolve("plugins/broken.jar"), "not a jar");
        patchbay.config("{}");

        Patchbay.Result text = patchbay.run("config", "check");
        Patchbay.Result json = patchbay.run("config", "check", "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).startsWith("configuration OK with ");
        assertThat(text.stderr()).contains("plugin 'broken.jar' (" + broken + ") is FAILED: PB-PLUGIN-001");
        JsonNode warning = elements(new ObjectMapper().readTree(json.stdout()).get("warnings"))
                .filter(w -> w.has("plugin")).findFirst().orElseThrow(() -> new AssertionError(json.stdout()));
        assertThat(warning.get("plugin").get("state").asText()).isEqualTo("FAILED");
        assertThat(warning.get("plugin").get("problems").get(0).get("code").asText()).isEqualTo("PB-PLUGIN-001");
        assertThat(new String(Files.readAllBytes(broken), StandardCharsets.UTF_8)).isEqualTo("not a jar");
    }
}
