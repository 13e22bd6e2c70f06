package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The linkage cache: an entry is reused only for the same inputs, and a damaged one is ignored and rewritten. */
class LinkageCacheTest {

    private static final LinkageCache.Key KEY = new LinkageCache.Key("ab12", "1.1.0", "17.0.15+6", "geo.jar");
    private static final PluginLinkage.Result RESULT = new PluginLinkage.Result(
            List.of(new Problem(ProblemCode.CLASS_NOT_VISIBLE, "plugin 'geo' references class a.B\nand \\ more")),
            List.of(new Problem(ProblemCode.PACKAGE_CONFLICT, "a warning")),
            new LinkageCheck.Deferred(Map.of("x/Y", Set.of("a/B", "a/C")), Map.of(
                    new ClassReferences.MemberRef(false, true, "x/Y", "run", "(I)V"), Set.of("a/B"))));

    @TempDir
    Path folder;

    @Test
    void anEntryWrittenByOneRunIsReadByTheNext() {
        new LinkageCache(Optional.of(folder)).put(KEY, RESULT);

        assertThat(new LinkageCache(Optional.of(folder)).get(KEY)).contains(RESULT);
    }

    static Stream<LinkageCache.Key> otherInputs() {
        return Stream.of(new LinkageCache.Key("ab12", "1.2.0", "17.0.15+6", "geo.jar"),
                new LinkageCache.Key("ab12", "1.1.0", "21.0.1", "geo.jar"),
                new LinkageCache.Key("ab12", "1.1.0", "17.0.15+6", "geo-copy.jar"),
                new LinkageCache.Key("cd34", "1.1.0", "17.0.15+6", "geo.jar"));
    }

    @ParameterizedTest
    @MethodSource("otherInputs")
    void anEntryIsNotUsedForOtherInputs(LinkageCache.Key other) {
        new LinkageCache(Optional.of(folder)).put(KEY, RESULT);

        assertThat(new LinkageCache(Optional.of(folder)).get(other)).isEmpty();
    }

    @Test
    void aTruncatedOrTamperedEntryIsIgnoredAndThenRewritten() throws IOException {
        new LinkageCache(Optional.of(folder)).put(KEY, RESULT);
        Path entry;
        try (Stream<Path> files = Files.list(folder)) {
            entry = files.filter(f -> f.toString().endsWith(".txt")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(entry, StandardCharsets.UTF_8);
        Files.write(entry, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
        assertThat(new LinkageCache(Optional.of(folder)).get(KEY)).isEmpty();

        Files.write(entry, List.of(lines.get(0), "digest ffff", lines.get(2), lines.get(3), lines.get(4), "end"));
        assertThat(new LinkageCache(Optional.of(folder)).get(KEY)).isEmpty();

        new LinkageCache(Optional.of(folder)).put(KEY, RESULT);
        assertThat(new LinkageCache(Optional.of(folder)).get(KEY)).contains(RESULT);
    }

    /** The second platform takes the first one's entry instead of checking: an entry edited between them shows. */
    @Test
    void theNextPlatformUsesTheEntryInsteadOfCheckingTheUnchangedArchiveAgain(@TempDir Path home) throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Path cache = home.resolve("state/cache/linkage");
        dev.patchbay.host.testing.PluginJarBuilder.plugin("geo").processor("com.acme.geo.Factory", "geo")
                .buildJar(plugins);
        assertThat(discover(plugins, cache).state()).isEqualTo(PluginState.RESOLVED);
        Path entry;
        try (Stream<Path> files = Files.list(cache)) {
            entry = files.filter(f -> f.toString().endsWith(".txt")).collect(onlyOne());
        }
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(entry, StandardCharsets.UTF_8));
        lines.add(lines.size() - 1, "problem CLASS_NOT_VISIBLE as the cache says");
        Files.write(entry, lines, StandardCharsets.UTF_8);

        PluginInfo again = discover(plugins, cache);

        assertThat(again.state()).isEqualTo(PluginState.FAILED);
        assertThat(again.problems()).extracting(Problem::message).containsExactly("as the cache says");
    }

    private static PluginInfo discover(Path plugins, Path cache) {
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all(),
                java.time.Duration.ofMinutes(1), ArchivePolicy.none(), Optional.of(cache))) {
            return platform.discover().get(0);
        }
    }

    private static java.util.stream.Collector<Path, ?, Path> onlyOne() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }
}
