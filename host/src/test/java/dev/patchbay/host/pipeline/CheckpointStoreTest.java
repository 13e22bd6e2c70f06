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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    private static final String VALID = "{\"pipeline\": \"demo\", \"position\": \"offset=10\", "
            + "\"sourceRecords\": 3, \"committedAt\": \"2026-11-22T02:00:00Z\"}";

    /** A checkpoint as commit writes it, with one field's JSON text replaced (or removed, for null). */
    private static String with(String field, String json) {
        String position = field.equals("position") ? json : "\"offset=10\"";
        String pipeline = field.equals("pipeline") ? json : "\"demo\"";
        String records = field.equals("sourceRecords") ? json : "3";
        String committed = field.equals("committedAt") ? json : "\"2026-11-22T02:00:00Z\"";
        List<String> members = new ArrayList<>();
        for (String[] member : List.of(new String[] {"pipeline", pipeline}, new String[] {"position", position},
                new String[] {"sourceRecords", records}, new String[] {"committedAt", committed})) {
            if (member[1] != null) {
                members.add("\"" + member[0] + "\": " + member[1]);
            }
        }
        return "{" + String.join(", ", members) + "}";
    }

    static Stream<Arguments> damagedCheckpoints() {
        return Stream.of(
                Arguments.of("empty", "", "is empty"),
                Arguments.of("only white space", " \n\t", "is empty"),
                Arguments.of("truncated", VALID.substring(0, 40), "is not valid JSON at line 1, column 41"),
                Arguments.of("not JSON", "offset=10",
                        "is not valid JSON at line 1, column 8: Unrecognized token 'offset'"),
                Arguments.of("trailing data", VALID + "garbage",
                        "has data after its JSON object, from byte " + VALID.length() + ": 'garbage'"),
                Arguments.of("a second object", VALID + "\n" + VALID,
                        "has data after its JSON object, from byte " + VALID.length() + ": '{\"pipeline\""),
                Arguments.of("an array", "[" + VALID + "]", "is not a JSON object but an array"),
                Arguments.of("a string", "\"offset=10\"", "is not a JSON object but a string"),
                Arguments.of("null", "null", "is not a JSON object but null"),
                Arguments.of("another pipeline's", with("pipeline", "\"other\""),
                        "names pipeline 'other', not 'demo', so its position is in another pipeline's input"),
                Arguments.of("no pipeline", with("pipeline", null), "has no \"pipeline\""),
                Arguments.of("a numeric pipeline", with("pipeline", "7"), "\"pipeline\" is not a string: 7"),
                Arguments.of("no position", with("position", null), "has no \"position\""),
                Arguments.of("a numeric position", with("position", "10"), "\"position\" is not a string: 10"),
                Arguments.of("a null position", with("position", "null"), "\"position\" is not a string: null"),
                Arguments.of("no record count", with("sourceRecords", null), "has no \"sourceRecords\""),
                Arguments.of("a textual record count", with("sourceRecords", "\"3\""),
                        "\"sourceRecords\" is not a whole number of at least 0: \"3\""),
                Arguments.of("a negative record count", with("sourceRecords", "-1"),
                        "\"sourceRecords\" is not a whole number of at least 0: -1"),
                Arguments.of("a fractional record count", with("sourceRecords", "2.5"),
                        "\"sourceRecords\" is not a whole number of at least 0: 2.5"),
                Arguments.of("no commit time", with("committedAt", null), "has no \"committedAt\""),
                Arguments.of("a commit time that is no time", with("committedAt", "\"yesterday\""),
                        "\"committedAt\" is not an ISO-8601 instant such as 2026-11-22T02:00:00Z: \"yesterday\""),
                Arguments.of("a repeated key", VALID.replace("}", ", \"position\": \"offset=99\"}"),
                        "is not valid JSON at line 1, column"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedCheckpoints")
    void aDamagedCheckpointIsRefusedNamingTheFileWhatIsWrongAndTheFix(String what, String content, String problem)
            throws IOException {
        Path file = Files.writeString(state.resolve("demo.json"), content);

        assertThatThrownBy(() -> new CheckpointStore(state, clock).load("demo")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("checkpoint " + file + " ")
                .hasMessageContaining(problem)
                .hasMessageEndingWith("; delete it to start pipeline 'demo' from the beginning of its input");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"trailing new line", "surrounding white space", "an unknown member"})
    void aSoundCheckpointIsReadWithWhiteSpaceAroundItAndMembersAFutureVersionMayAdd(String variant)
            throws IOException {
        String content = switch (variant) {
            case "trailing new line" -> VALID + "\n";
            case "surrounding white space" -> " \r\n\t" + VALID + " \r\n\t";
            default -> VALID.replace("}", ", \"resumedFrom\": {\"at\": [1, 2]}}");
        };
        Files.writeString(state.resolve("demo.json"), content);

        assertThat(new CheckpointStore(state, clock).load("demo")).contains(new Position("offset=10"));
    }

    @Test
    void aFolderWhereTheCheckpointShouldBeIsRefusedAsNoCheckpointFile() throws IOException {
        Path folder = Files.createDirectories(state.resolve("demo.json"));

        assertThatThrownBy(() -> new CheckpointStore(state, clock).load("demo")).isInstanceOf(IOException.class)
                .hasMessage("checkpoint " + folder + " of pipeline 'demo' is a folder, not a file; move it away "
                        + "(without a checkpoint the pipeline starts from the beginning of its input)");
    }

    @Test
    void whatACommitWritesIsReadBackAsASoundCheckpoint() throws IOException {
        CheckpointStore store = new CheckpointStore(state, clock);

        store.commit("demo", new Position(""), 0);

        assertThat(store.load("demo")).contains(new Position(""));
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
