package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.api.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path state;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC);

    @Test
    void aPipelineWithoutACheckpointStartsFromTheBeginning() throws IOException {
        assertThat(new CheckpointStore(state.resolve("missing"), clock).load("demo")).isEmpty();
    }

    @Test
    void aCommitReplacesTheFileAndLeavesNoTemporaryFileBehind() throws IOException {
        CheckpointStore store = new CheckpointStore(state, clock);

        store.commit("demo", new Position("offset=10"), 3);
        store.commit("demo", new Position("offset=20"), 6);

        assertThat(store.load("demo")).contains(new Position("offset=20"));
        JsonNode json = new ObjectMapper().readTree(state.resolve("demo.json").toFile());
        assertThat(json.get("pipeline").asText()).isEqualTo("demo");
        assertThat(json.get("sourceRecords").asLong()).isEqualTo(6);
        assertThat(json.get("committedAt").asText()).isEqualTo("2026-11-22T02:00:00Z");
        try (Stream<Path> files = Files.list(state)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("demo.json");
        }
    }

    @Test
    void aCheckpointWithoutAPositionIsReportedWithTheFileAndTheFix() throws IOException {
        Files.writeString(state.resolve("demo.json"), "{\"pipeline\": \"demo\"}");

        assertThatThrownBy(() -> new CheckpointStore(state, clock).load("demo")).isInstanceOf(IOException.class)
                .hasMessageContaining("demo.json").hasMessageContaining("has no string \"position\"")
                .hasMessageContaining("delete it");
    }

    @Test
    void aPipelineNameThatCannotNameAFileIsRejected() {
        assertThatThrownBy(() -> new CheckpointStore(state, clock).file("../escape"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../escape'");
    }
}
