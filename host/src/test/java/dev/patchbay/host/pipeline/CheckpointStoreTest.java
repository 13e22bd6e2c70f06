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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aFailedCommitLeavesNoTemporaryFileAndWhatWasThereIntact() throws IOException {
        // The rename cannot replace a folder: the commit fails after its temporary file was written.
        Path occupied = Files.createDirectories(state.resolve("demo.json"));
        Files.writeString(occupied.resolve("keep"), "old");

        assertThatThrownBy(() -> new CheckpointStore(state, clock).commit("demo", new Position("offset=10"), 3))
                .isInstanceOf(IOException.class);

        try (Stream<Path> files = Files.list(state)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("demo.json");
        }
        assertThat(Files.readString(occupied.resolve("keep"))).isEqualTo("old");
    }

    @Test
    void anErrorNamesTheCheckpointFileAndSaysWhatToCheck() throws IOException {
        Path notAFolder = Files.writeString(state.resolve("state"), "a file where the state folder should be");
        CheckpointStore store = new CheckpointStore(notAFolder, clock);

        assertThatThrownBy(() -> store.commit("demo", new Position("offset=10"), 3)).isInstanceOf(IOException.class)
                .hasMessageContaining("'" + notAFolder.resolve("demo.json") + "'")
                .hasMessageContaining("unchanged").hasMessageContaining("writable folder");
    }

    @Test
    void twoStoresCommittingConcurrentlyNeverShareATemporaryFile() throws Exception {
        // Two runs on one state folder (what the home lock prevents) or a retried commit: each write must own
        // its temporary file, or one rename moves the other's half-written file and the other fails.
        CheckpointStore first = new CheckpointStore(state, clock);
        CheckpointStore second = new CheckpointStore(state, clock);
        int commits = 300;
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> writers = new ArrayList<>();
            for (CheckpointStore store : List.of(first, second)) {
                String name = store == first ? "a" : "b";
                writers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < commits; i++) {
                        store.commit("demo", new Position(name + "=" + i), i);
                    }
                    return null;
                }));
            }
            for (Future<Void> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(first.load("demo").map(Position::value)).hasValueSatisfying(
                value -> assertThat(value).isIn("a=" + (commits - 1), "b=" + (commits - 1)));
        try (Stream<Path> files = Files.list(state)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("demo.json");
        }
    }
}
