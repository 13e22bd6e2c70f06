package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --json} on the demo configuration as shipped, through the real launcher: standard output is JSON
 * documents only, and the {@code console/print} table of the preview pipeline goes to standard error. A second
 * run says where each pipeline resumed and where its output went.
 */
class RunJsonIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Patchbay demoHome() throws IOException {
        Patchbay patchbay = new Patchbay(temp);
        Path dist = Patchbay.dist();
        Files.copy(dist.resolve("config/patchbay.json"), patchbay.home().resolve("config/patchbay.json"));
        Files.copy(dist.resolve("data/people.csv"), patchbay.home().resolve("data/people.csv"));
        patchbay.copyPlugins();
        return patchbay;
    }

    @Test
    void onTheDemoConfigEveryLineOfStandardOutputIsJsonAndTheConsoleTableGoesToStandardError() throws Exception {
        Patchbay patchbay = demoHome();

        Patchbay.Result result = patchbay.run("run", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<JsonNode> documents = new ArrayList<>();
        for (String line : result.stdout().lines().toList()) {
            documents.add(JSON.readTree(line));
        }
        assertThat(documents).as(result.toString()).singleElement().satisfies(summary -> {
            assertThat(summary.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(summary.get("event").asText()).isEqualTo("summary");
            assertThat(summary.get("exitCode").asInt()).isZero();
            assertThat(summary.get("pipelines")).extracting(p -> p.get("name").asText())
                    .containsExactly("people", "people-preview");
        });
        assertThat(result.stderr().lines()).as(result.toString())
                .anyMatch(line -> line.matches("id +\\| full_name +\\| age +\\| city +\\| score"))
                .anyMatch(line -> line.matches("-+-\\+-.*"));
    }

    @Test
    void aSecondRunSaysWhereEachPipelineResumedAndWhereItsOutputWent() throws Exception {
        Patchbay patchbay = demoHome();
        assertThat(patchbay.run("run").exitCode()).isZero();

        Patchbay.Result again = patchbay.run("run");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdout()).containsPattern("resumed: pipeline 'people' from checkpoint '[^']+' \\(state/"
                + "people\\.json\\)").contains("output: pipeline 'people' sink files/jsonl-sink: ");
        Patchbay.Result json = patchbay.run("run", "--json");
        JsonNode people = JSON.readTree(json.stdout().strip()).get("pipelines").get(0);
        assertThat(people.get("resumedFrom").get("checkpoint").asText())
                .isEqualTo(patchbay.home().resolve("state/people.json").toString());
        assertThat(people.get("outputs").get(0).get("use").asText()).isEqualTo("files/jsonl-sink");
    }
}
