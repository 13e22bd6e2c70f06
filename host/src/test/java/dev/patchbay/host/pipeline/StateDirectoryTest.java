package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Position;
import dev.patchbay.host.testing.UnwritableFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@SuppressWarnings("try") // locks held in try-with-resources only for their close()
class StateDirectoryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:15:00Z"), ZoneOffset.UTC);
    private static final String SET_IT = "set \"state.directory\" in the configuration to a folder this user can write";

    @TempDir
    Path home;

    private Path state() {
        return home.resolve("state");
    }

    private static HomeLock.Holder me() {
        return HomeLock.Holder.current(CLOCK, "patchbay run");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** How a state directory is broken, returning what the refusal must say (it starts with the path). */
    @FunctionalInterface
    private interface Breakage {
        String apply(Path state) throws IOException;
    }

    static Stream<Arguments> unusable() {
        Breakage file = state -> {
            Files.writeString(state, "not a folder");
            return "the state directory " + state + " is a file, not a folder; move it away, or " + SET_IT;
        };
        Breakage danglingLink = state -> {
            Files.createSymbolicLink(state, Path.of("mnt", "state"));
            return "the state directory " + state + " is a symbolic link to " + state.resolveSibling("mnt/state")
                    + ", which does not exist; create that folder (or mount what should be there); move it away, or "
                    + SET_IT;
        };
        Breakage parentIsAFile = state -> {
            Files.writeString(state.getParent().resolve("not-a-folder"), "x");
            return "the state directory " + state.getParent().resolve("not-a-folder/state") + " cannot be created ("
                    + "java.nio.file.FileSystemException: " + state.getParent().resolve("not-a-folder/state")
                    + ": Not a directory); create it by hand, or " + SET_IT;
        };
        Breakage checkpointFolder = state -> {
            Files.createDirectories(state.resolve("people.json"));
            return "checkpoint " + state.resolve("people.json") + " of pipeline 'people' is a folder, not a file; "
                    + "move it away (without a checkpoint the pipeline starts from the beginning of its input)";
        };
        return Stream.of(Arguments.of("a file", file, "state"), Arguments.of("a dangling link", danglingLink, "state"),
                Arguments.of("under a file", parentIsAFile, "not-a-folder/state"),
                Arguments.of("with a folder for a checkpoint", checkpointFolder, "state"));
    }

    @ParameterizedTest(name = "state {0}")
    @MethodSource("unusable")
    void anUnusableStateDirectoryIsRefusedNamingThePathTheProblemAndTheFix(String what, Breakage breakage,
            String configured) throws IOException {
        String message = breakage.apply(state());
        StateDirectory directory = new StateDirectory(home.resolve(configured));

        assertThatThrownBy(() -> directory.lock(List.of("events", "people"), me()))
                .isInstanceOf(IOException.class).hasMessage(message);
        assertThat(Files.exists(state().resolve(HomeLock.FILE_NAME))).as("locked").isFalse();
    }

    @Test
    void anUnwritableStateDirectoryIsRefusedBeforeTheLockEvenWhenTheLockFileIsWritable() throws IOException {
        Files.createDirectories(state());
        Files.createFile(state().resolve(HomeLock.FILE_NAME));
        StateDirectory directory = new StateDirectory(state());

        try (UnwritableFolder unwritable = UnwritableFolder.of(state())) {
            assertThatThrownBy(() -> directory.lock(List.of("people"), me())).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("the state directory " + state() + " is not writable: a file cannot be "
                            + "created in it (java.nio.file.")
                    .hasMessageContaining("so no checkpoint could be committed; make it writable for this user (for "
                            + "example chmod u+rwx " + state() + ", or remount its file system read-write), or "
                            + SET_IT)
                    .hasCauseInstanceOf(IOException.class);
            assertThat(Files.size(state().resolve(HomeLock.FILE_NAME))).as("the lock file is untouched").isZero();
        }
    }

    @Test
    void aUsableDirectoryIsLockedAndTheWritabilityProbeLeavesNothingBehind() throws Exception {
        Files.createDirectories(state());
        new CheckpointStore(state(), CLOCK).commit("people", new Position("offset=10"), 3);

        try (HomeLock lock = new StateDirectory(state()).lock(List.of("people", "events"), me())) {
            assertThat(lock.file()).isEqualTo(state().resolve(HomeLock.FILE_NAME));
            assertThat(names(state())).containsExactly(HomeLock.FILE_NAME, "people.json");
            assertThatThrownBy(() -> HomeLock.acquire(state(), me())).isInstanceOf(HomeLock.HeldException.class);
        }
        assertThat(new CheckpointStore(state(), CLOCK).load("people")).contains(new Position("offset=10"));
    }

    @Test
    void aMissingDirectoryIsCreatedWithItsParents() throws Exception {
        Path nested = home.resolve("var/lib/patchbay/state");

        new StateDirectory(nested).lock(List.of("people"), me()).close();

        assertThat(names(nested)).containsExactly(HomeLock.FILE_NAME);
    }

    @Test
    void aSymbolicLinkToAFolderIsUsedAsTheFolder() throws Exception {
        Path target = Files.createDirectories(home.resolve("disk/state"));
        Files.createSymbolicLink(state(), target);

        new StateDirectory(state()).lock(List.of("people"), me()).close();

        assertThat(names(target)).containsExactly(HomeLock.FILE_NAME);
    }

    @Test
    void aCheckpointThatIsALinkToAFolderIsRefusedAsTheSourceWouldRefuseIt() throws Exception {
        Files.createDirectories(state());
        Path link = Files.createSymbolicLink(state().resolve("people.json"),
                Files.createDirectories(home.resolve("elsewhere")));
        String refusal = "checkpoint " + link + " of pipeline 'people' is a folder, not a file; move it away (without "
                + "a checkpoint the pipeline starts from the beginning of its input)";

        assertThatThrownBy(() -> new StateDirectory(state()).check(List.of("people"))).hasMessage(refusal);
        assertThatThrownBy(() -> new CheckpointStore(state(), CLOCK).load("people")).hasMessage(refusal);
    }
}
