package dev.patchbay.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void sameSeedWritesTheSameBytes() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");

        JsonLinesGenerator.write(a, 300, 7);
        JsonLinesGenerator.write(b, 300, 7);

        assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
    }

    @Test
    void writesOneJsonObjectALineWithTheCsvRowsFields() throws IOException {
        Path file = dir.resolve("records.jsonl");

        JsonLinesGenerator.write(file, 1000, 20261202L);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1000);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode record = json.readTree(lines.get(i));
            assertThat(record.isObject()).isTrue();
            assertThat(record.fieldNames()).toIterable()
                    .containsExactly("id", "name", "email", "age", "city", "score");
            assertThat(record.get("id").asLong()).isEqualTo(i + 1);
            assertThat(record.get("age").isInt()).isTrue();
            assertThat(record.get("score").isNumber()).isTrue();
        }
        assertThat(Files.size(file) / 1000).isBetween(80L, 140L);
    }

    @Test
    void refusesAnEmptyPayload() {
        assertThatThrownBy(() -> JsonLinesGenerator.write(dir.resolve("none.jsonl"), 0, 1))
                .hasMessageContaining("records must be at least 1, got 0");
    }
}
