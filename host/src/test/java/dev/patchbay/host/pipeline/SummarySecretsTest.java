package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.config.ConfigSource;
import dev.patchbay.host.config.PipelineConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The run summary's outputs never show a value that came from a {@code ${env:}} or {@code ${file:}} reference. */
class SummarySecretsTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final Map<String, String> ENVIRONMENT = Map.of("CONN", "s3cr3t-conn", "OUT", "s3cr3t-dir/x.jsonl");

    private static PipelineConfig pipeline() {
        String json = ("{'pipelines': {'demo': {'source': {'use': 'a/source'},"
                + " 'sink': {'use': 'c/sink', 'settings': {'url': 'db://u:${env:CONN}@h', 'path': '${env:OUT}',"
                + " 'nested': ['${env:CONN}'], 'mode': 'append'}},"
                + " 'errors': {'tolerance': 'all', 'deadLetter': {'use': 'c/dead', 'settings': {'path': '${env:OUT}'}}}"
                + "}}}").replace('\'', '"');
        return new ConfigReader(ENVIRONMENT::get).parse(new ConfigSource(HOME, HOME.resolve("config/patchbay.json"),
                true), json).pipelines().get(0);
    }

    @ParameterizedTest(name = "declared output paths: {0}")
    @ValueSource(booleans = {true, false})
    void textAndJsonShowReferencedSettingsAsWrittenAndNeverTheirValues(boolean declared) {
        SinkOutputs.OutputKeys keys = stage -> declared ? Set.of("path") : Set.of();
        PipelineEndpoints endpoints = new PipelineEndpoints("demo", Optional.empty(),
                SinkOutputs.of(pipeline(), HOME, keys), HOME);
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        endpoints.toJson(json);

        List<String> lines = endpoints.lines();
        assertThat(String.join("\n", lines) + json).doesNotContain("s3cr3t");
        assertThat(lines.get(0)).isEqualTo("output: pipeline 'demo' sink c/sink: settings {\"url\":"
                + "\"db://u:${env:CONN}@h\",\"path\":\"${env:OUT}\",\"nested\":[\"${env:CONN}\"],\"mode\":\"append\"}");
        assertThat(lines.get(1)).isEqualTo("output: pipeline 'demo' errors.deadLetter c/dead: settings "
                + "{\"path\":\"${env:OUT}\"}");
    }
}
