package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The settle rule on a fake clock: an entry's fingerprint must hold for the settle time across two looks before the
 * stable snapshot takes it in, so no sleep is needed to test it.
 */
class PluginSettlingTest {

    private static final Duration SETTLE = Duration.ofMillis(500);
    private static final Path A = Path.of("plugins/a.jar");
    private static final Path B = Path.of("plugins/b.jar");
    private static final PluginFingerprint V1 = file(100, 1);
    private static final PluginFingerprint V2 = file(200, 2);

    /** One look: at this time (ms), this is what the folder held; the change expected from it, if any. */
    record Look(long atMillis, Map<Path, PluginFingerprint> seen, Optional<String> reported) {
        static Look of(long atMillis, Map<Path, PluginFingerprint> seen) {
            return new Look(atMillis, seen, Optional.empty());
        }

        static Look reporting(long atMillis, Map<Path, PluginFingerprint> seen, String change) {
            return new Look(atMillis, seen, Optional.of(change));
        }
    }

    static Stream<Arguments> histories() {
        return Stream.of(
                Arguments.of("a new file settles after the settle time and a second look", Map.of(), List.of(
                        Look.of(0, Map.of(A, V1)),
                        Look.of(499, Map.of(A, V1)),
                        Look.reporting(500, Map.of(A, V1), "added [a.jar] removed [] changed []"))),
                Arguments.of("the second look settles it, however late it comes", Map.of(), List.of(
                        Look.of(0, Map.of(A, V1)),
                        Look.reporting(5_000, Map.of(A, V1), "added [a.jar] removed [] changed []"))),
                Arguments.of("a growing file is never reported while it grows", Map.of(), List.of(
                        Look.of(0, Map.of(A, file(10, 1))),
                        Look.of(400, Map.of(A, file(20, 1))),
                        Look.of(800, Map.of(A, file(30, 1))),
                        Look.of(1_200, Map.of(A, file(30, 2))),
                        Look.of(1_600, Map.of(A, file(30, 2))),
                        Look.reporting(1_700, Map.of(A, file(30, 2)), "added [a.jar] removed [] changed []"))),
                Arguments.of("a file that disappears before it settles is never reported", Map.of(), List.of(
                        Look.of(0, Map.of(A, V1)),
                        Look.of(400, Map.of()),
                        Look.of(1_000, Map.of()),
                        Look.of(5_000, Map.of()))),
                Arguments.of("a removal settles too", Map.of(A, V1), List.of(
                        Look.of(0, Map.of()),
                        Look.reporting(500, Map.of(), "added [] removed [a.jar] changed []"))),
                Arguments.of("a file that comes back unchanged before its removal settles is not reported",
                        Map.of(A, V1), List.of(
                        Look.of(0, Map.of()),
                        Look.of(300, Map.of(A, V1)),
                        Look.of(1_000, Map.of(A, V1)))),
                Arguments.of("a rewrite is one change once it settles, never a removal", Map.of(A, V1), List.of(
                        Look.of(0, Map.of(A, file(50, 2))),
                        Look.of(200, Map.of(A, V2)),
                        Look.of(600, Map.of(A, V2)),
                        Look.reporting(700, Map.of(A, V2), "added [] removed [] changed [a.jar]"))),
                Arguments.of("entries settle each on their own time", Map.of(), List.of(
                        Look.of(0, Map.of(A, V1)),
                        Look.of(300, Map.of(A, V1, B, V1)),
                        Look.reporting(500, Map.of(A, V1, B, V1), "added [a.jar] removed [] changed []"),
                        Look.reporting(800, Map.of(A, V1, B, V1), "added [b.jar] removed [] changed []"))),
                Arguments.of("an unchanged folder reports nothing", Map.of(A, V1), List.of(
                        Look.of(0, Map.of(A, V1)),
                        Look.of(10_000, Map.of(A, V1)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void reportsOnlySettledChanges(String name, Map<Path, PluginFingerprint> baseline, List<Look> looks) {
        PluginSettling settling = new PluginSettling(baseline, SETTLE);

        for (Look look : looks) {
            Optional<String> reported = settling.look(look.seen(), Set.of(), nanos(look.atMillis()))
                    .map(PluginSettlingTest::describe);
            assertThat(reported).as("look at %d ms", look.atMillis()).isEqualTo(look.reported());
        }
    }

    @Test
    void theSnapshotHoldsEveryStableEntryAndKeepsTheOldFingerprintWhileARewriteSettles() {
        PluginSettling settling = new PluginSettling(Map.of(A, V1), SETTLE);
        settling.look(Map.of(A, V2, B, V1), Set.of(), nanos(0));
        settling.look(Map.of(A, file(300, 3), B, V1), Set.of(), nanos(300));

        PluginFolderChange change = settling.look(Map.of(A, file(300, 3), B, V1), Set.of(), nanos(600)).orElseThrow();

        assertThat(change.snapshot()).isEqualTo(Map.of(A, V1, B, V1));
        assertThat(change.added()).containsExactly(B);
        assertThat(settling.stable()).isEqualTo(change.snapshot());
    }

    @Test
    void anUnreadableEntryKeepsItsStableFingerprintAndItsWaitStartsAgainOnceReadable() {
        PluginSettling settling = new PluginSettling(Map.of(A, V1), SETTLE);
        settling.look(Map.of(A, V2, B, V1), Set.of(), nanos(0));
        settling.look(Map.of(B, V1), Set.of(A), nanos(300));

        assertThat(settling.look(Map.of(B, V1), Set.of(A), nanos(10_000)).orElseThrow().snapshot())
                .isEqualTo(Map.of(A, V1, B, V1));
        assertThat(settling.look(Map.of(A, V2, B, V1), Set.of(), nanos(10_100))).isEmpty();
        assertThat(settling.look(Map.of(A, V2, B, V1), Set.of(), nanos(10_600)).orElseThrow().changed())
                .containsExactly(A);
    }

    @Test
    void theNextLookIsDueWhenTheEarliestPendingEntryCouldSettle() {
        PluginSettling settling = new PluginSettling(Map.of(), SETTLE);
        assertThat(settling.nanosUntilDue(nanos(0))).isEmpty();

        settling.look(Map.of(A, V1), Set.of(), nanos(100));
        settling.look(Map.of(A, V1, B, V1), Set.of(), nanos(300));

        assertThat(settling.nanosUntilDue(nanos(300))).hasValue(nanos(300));
        assertThat(settling.nanosUntilDue(nanos(900))).hasValue(0L);
    }

    @Test
    void aSettleTimeMustBePositive() {
        assertThatThrownBy(() -> new PluginSettling(Map.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settle time 'PT0S'");
    }

    private static PluginFingerprint file(long size, long mtimeSeconds) {
        return new PluginFingerprint(size, Instant.ofEpochSecond(mtimeSeconds), 1);
    }

    private static long nanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static String describe(PluginFolderChange change) {
        return "added " + names(change.added()) + " removed " + names(change.removed()) + " changed "
                + names(change.changed());
    }

    private static List<String> names(Set<Path> paths) {
        return paths.stream().map(path -> path.getFileName().toString()).sorted().toList();
    }
}
