package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world delimited inputs through {@code patchbay run}: tzdata's zone1970.tab (tab-separated, {@code #}
 * comments, rows of 3 or 4 fields) filtered on {@code ^Europe/}, and ISO 3166-shaped codes whose column keeps
 * one type. The fixtures are the files plugin's test resources; the installed zone1970.tab is read too where
 * tzdata is present.
 */
class CsvInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of(System.getProperty("patchbay.files.fixtures",
            "../plugins/files/src/test/resources")).toAbsolutePath().normalize();

    @TempDir
    Path temp;

    static Stream<Path> zoneFiles() {
        Path installed = Path.of("/usr/share/zoneinfo/zone1970.tab");
        Path fixture = FIXTURES.resolve("zone1970-shaped.tab");
        return Files.isReadable(installed) ? Stream.of(fixture, installed) : Stream.of(fixture);
    }

    private static String config(Path plugins, String pipelines) {
        return """
                { "plugins": { "directory": "%s" }, "pipelines": %s }
                """.formatted(plugins.toString().replace("\\", "\\\\"), pipelines);
    }

    private static String json(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\") + "\"";
    }

    @ParameterizedTest
    @MethodSource("zoneFiles")
    void zone1970TabReadsAsAllItsRowsAndTheEuropeFilterFindsEveryEuropeanZone(Path zones) throws Exception {
        List<String[]> rows = Files.readAllLines(zones, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("#") && !line.isEmpty()).map(line -> line.split("\t", -1)).toList();
        long europe = rows.stream().filter(f -> f[2].startsWith("Europe/")).count();
        assertThat(europe).isPositive();
        Patchbay patchbay = new Patchbay(temp);
        String source = """
                { "use": "files/csv-source", "settings": { "path": %s, "delimiter": "\\t", "comment": "#",
                  "header": false, "columns": ["codes", "coordinates", "TZ", "comments"], "ragged": "pad" } }
                """.formatted(json(zones));
        patchbay.config(config(patchbay.distPlugins(), """
                { "all": { "source": %s, "sink": { "use": "files/jsonl-sink", "settings": { "path": "out/all.jsonl" } } },
                  "europe": { "source": %s,
                    "processors": [ { "use": "transforms/filter",
                      "settings": { "where": { "field": "TZ", "op": "=~", "value": "^Europe/" } } } ],
                    "sink": { "use": "files/jsonl-sink", "settings": { "path": "out/europe.jsonl" } } } }
                """.formatted(source, source)));

        Patchbay.Result result = patchbay.run("run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<JsonNode> all = readJsonLines(patchbay.home().resolve("out/all.jsonl"));
        assertThat(all).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            assertThat(all.get(i).get("TZ").asText()).isEqualTo(row[2]);
            assertThat(all.get(i).get("comments").isNull()).isEqualTo(row.length == 3);
        }
        assertThat(readJsonLines(patchbay.home().resolve("out/europe.jsonl"))).hasSize((int) europe)
                .allMatch(r -> r.get("TZ").asText().startsWith("Europe/"));
    }

    @Test
    void aColumnOfCodesKeepsOneTypeInTheOutput() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        patchbay.config(config(patchbay.distPlugins(), """
                { "iso": { "source": { "use": "files/csv-source", "settings": { "path": %s } },
                           "sink": { "use": "files/jsonl-sink", "settings": { "path": "out/iso.jsonl" } } },
                  "declared": { "source": { "use": "files/csv-source",
                                             "settings": { "path": %s, "types": { "numeric": "integer" } } },
                                "sink": { "use": "files/jsonl-sink", "settings": { "path": "out/declared.jsonl" } } } }
                """.formatted(json(FIXTURES.resolve("iso3166-shaped.csv")), json(FIXTURES.resolve("iso3166-shaped.csv")))));

        Patchbay.Result result = patchbay.run("run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<JsonNode> inferred = readJsonLines(patchbay.home().resolve("out/iso.jsonl"));
        assertThat(inferred).hasSize(21).allMatch(r -> r.get("numeric").isTextual());
        assertThat(inferred).extracting(r -> r.get("numeric").asText()).contains("004", "010", "533", "840");
        assertThat(readJsonLines(patchbay.home().resolve("out/declared.jsonl"))).hasSize(21)
                .allMatch(r -> r.get("numeric").isIntegralNumber());
    }

    private static List<JsonNode> readJsonLines(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }
}
