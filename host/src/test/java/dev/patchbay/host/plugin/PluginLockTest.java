package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.plugin.ArchivePolicy.LockMode;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lockfile through the real platform ({@code plugins.lock} warn and enforce): tampered, replaced and unlisted
 * archives, a missing or broken lockfile, and the order of the check against the rest of discovery.
 */
class PluginLockTest {

    @TempDir
    Path home;

    private Path plugins;
    private Path lockFile;

    @BeforeEach
    void folders() throws IOException {
        plugins = Files.createDirectories(home.resolve("plugins"));
        lockFile = home.resolve(ArchivePolicy.LOCK_FILE);
        Files.createDirectories(lockFile.getParent());
    }

    private static PluginJarBuilder plugin(String id) {
        return PluginJarBuilder.plugin(id).processor("com.example." + id + ".Proc", "p");
    }

    private void lock() throws IOException {
        Files.write(lockFile, LockFileJson.bytes(new ArchiveLocking().lock(plugins)));
    }

    private PluginPlatform platform(LockMode mode) {
        return new PluginPlatform(plugins, PluginSelection.all(), Duration.ofSeconds(60),
                new ArchivePolicy(mode, lockFile, home.resolve("config/trust"), false));
    }

    private static PluginInfo only(List<PluginInfo> plugins, String id) {
        return plugins.stream().filter(info -> info.id().equals(id)).findFirst().orElseThrow();
    }

    /** Asserts the finding is a refusal under enforce, and a warning on a started plugin under warn. */
    private static void assertFound(LockMode mode, PluginInfo info, ProblemCode code, String... parts) {
        List<Problem> found = mode == LockMode.ENFORCE ? info.problems() : info.warnings();
        assertThat(info.state()).isEqualTo(mode == LockMode.ENFORCE ? PluginState.FAILED : PluginState.STARTED);
        assertThat(found).as("%s of %s", mode, info.id()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(code);
            assertThat(problem.message()).contains(parts);
        });
        if (mode == LockMode.WARN) {
            assertThat(info.problems()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = LockMode.class, names = {"WARN", "ENFORCE"})
    void archivesThatMatchTheLockStartWithoutFindings(LockMode mode) throws IOException {
        Path lib = PluginJarBuilder.library("util").source("com.example.util.U",
                "package com.example.util; public class U {}").buildJar(Files.createDirectories(home.resolve("libs")));
        plugin("jarred").buildJar(plugins);
        plugin("zipped").lib(lib).buildZipWithTopFolder(plugins);
        plugin("folded").lib(lib).buildFolder(plugins);
        lock();

        try (PluginPlatform platform = platform(mode)) {
            assertThat(platform.start()).hasSize(3).allSatisfy(info -> {
                assertThat(info.state()).isEqualTo(PluginState.STARTED);
                assertThat(info.problems()).isEmpty();
                assertThat(info.warnings()).isEmpty();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = LockMode.class, names = {"WARN", "ENFORCE"})
    void oneChangedByteOfAClassInALockedJarIsAMismatchNamingBothDigests(LockMode mode) throws IOException {
        Path jar = plugin("geo").buildJar(plugins);
        lock();
        String locked = ArchiveDigest.of(jar);
        LockTamper.changeOneByteOfClass(jar, "com/example/geo/Proc.class");

        try (PluginPlatform platform = platform(mode)) {
            assertFound(mode, only(platform.start(), "geo"), ProblemCode.LOCK_MISMATCH, "plugin archive 'geo.jar'",
                    lockFile.toString(), "expected SHA-256 " + locked, "actual " + ArchiveDigest.of(jar),
                    "patchbay plugins lock", "patchbay plugins install");
        }
    }

    @ParameterizedTest
    @EnumSource(value = LockMode.class, names = {"WARN", "ENFORCE"})
    void aReplacedLibJarInAZipPluginIsAMismatchNamingTheJar(LockMode mode) throws IOException {
        Path libs = Files.createDirectories(home.resolve("libs"));
        Function<String, Path> library = body -> PluginJarBuilder.library("util").source("com.example.util.U",
                "package com.example.util; public class U { " + body + " }").buildJar(libs);
        Path zip = plugin("csv").lib(library.apply("")).buildZip(plugins);
        lock();
        String lockedLib = ArchiveDigest.of(libs.resolve("util.jar"));
        byte[] replacement = Files.readAllBytes(library.apply("public int extra() { return 1; }"));
        LockTamper.replaceEntry(zip, "lib/util.jar", replacement);

        try (PluginPlatform platform = platform(mode)) {
            assertFound(mode, only(platform.start(), "csv"), ProblemCode.LOCK_MISMATCH, "plugin archive 'csv.zip'",
                    "its lib/ jar 'lib/util.jar' differs", "expected SHA-256 " + lockedLib,
                    "actual " + ArchiveDigest.of(new java.io.ByteArrayInputStream(replacement)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = LockMode.class, names = {"WARN", "ENFORCE"})
    void anArchiveAddedAfterLockingIsNotLocked(LockMode mode) throws IOException {
        plugin("geo").buildJar(plugins);
        lock();
        Path added = plugin("extra").buildJar(plugins);

        try (PluginPlatform platform = platform(mode)) {
            List<PluginInfo> started = platform.start();
            assertFound(mode, only(started, "extra"), ProblemCode.NOT_LOCKED, "plugin archive 'extra.jar'",
                    "SHA-256 " + ArchiveDigest.of(added), "is not in the lockfile '" + lockFile + "'");
            assertThat(only(started, "geo").state()).isEqualTo(PluginState.STARTED);
        }
    }

    @ParameterizedTest
    @EnumSource(value = LockMode.class, names = {"WARN", "ENFORCE"})
    void aLibJarAddedToAFolderPluginIsNotLocked(LockMode mode) throws IOException {
        Path folder = plugin("dir").buildFolder(plugins);
        lock();
        Path extra = PluginJarBuilder.library("extra").source("com.example.x.X",
                "package com.example.x; public class X {}").buildJar(Files.createDirectories(folder.resolve("lib")));

        try (PluginPlatform platform = platform(mode)) {
            assertFound(mode, only(platform.start(), "dir"), ProblemCode.NOT_LOCKED, "plugin archive 'dir'",
                    "its lib/ jar 'lib/extra.jar' (SHA-256 " + ArchiveDigest.of(extra) + ") is not in the lockfile");
        }
    }

    @Test
    void theCheckRunsBeforeServiceFilesAreRead() throws IOException {
        Path jar = PluginJarBuilder.plugin("broken").service(dev.patchbay.api.ProcessorFactory.class,
                "com.example.broken.Missing").resource("note.txt", "one").buildJar(plugins);
        lock();
        LockTamper.replaceEntry(jar, "note.txt", "two".getBytes(StandardCharsets.UTF_8));

        try (PluginPlatform enforced = platform(LockMode.ENFORCE); PluginPlatform open = platform(LockMode.OFF)) {
            assertThat(only(enforced.discover(), "broken").problems()).extracting(Problem::code)
                    .containsExactly(ProblemCode.LOCK_MISMATCH);
            assertThat(only(open.discover(), "broken").problems()).extracting(Problem::code)
                    .containsExactly(ProblemCode.EXTENSION_CLASS_MISSING);
        }
    }

    @ParameterizedTest
    @EnumSource(value = LockMode.class, names = {"WARN", "ENFORCE"})
    void aMissingLockfileLeavesEveryArchiveUnlockedWithTheFix(LockMode mode) {
        plugin("geo").buildJar(plugins);

        try (PluginPlatform platform = platform(mode)) {
            assertFound(mode, only(platform.start(), "geo"), ProblemCode.NOT_LOCKED,
                    "the lockfile '" + lockFile + "' does not exist", "run `patchbay plugins lock`");
        }
    }

    @ParameterizedTest
    @EnumSource(value = LockMode.class, names = {"WARN", "ENFORCE"})
    void aMalformedLockfileLeavesEveryArchiveUnlockedWithTheFix(LockMode mode) throws IOException {
        plugin("geo").buildJar(plugins);
        Files.writeString(lockFile, "{\"lockVersion\": 1, \"archives\": [");

        try (PluginPlatform platform = platform(mode)) {
            assertFound(mode, only(platform.start(), "geo"), ProblemCode.NOT_LOCKED,
                    "the lockfile '" + lockFile + "' is not valid JSON", "run `patchbay plugins lock`");
        }
    }

    @Test
    void aJarDroppedIntoAServingFolderWithoutInstallIsRefusedOnRescan() throws IOException {
        plugin("geo").buildJar(plugins);
        lock();
        try (PluginPlatform platform = platform(LockMode.ENFORCE)) {
            platform.start();
            plugin("dropped").buildJar(plugins);

            PluginChanges changes = platform.rescan(PluginArchive.list(plugins));

            assertThat(changes.started()).isEmpty();
            assertThat(only(platform.plugins(), "dropped").problems()).extracting(Problem::code)
                    .containsExactly(ProblemCode.NOT_LOCKED);
            assertThat(only(platform.plugins(), "geo").state()).isEqualTo(PluginState.STARTED);
        }
    }

    @Test
    void aRescanSeesTheLockAnInstallRewroteBeforeMovingTheArchiveIn() throws Exception {
        plugin("geo").buildJar(plugins);
        lock();
        try (PluginPlatform platform = platform(LockMode.ENFORCE)) {
            platform.start();
            Path staged = plugin("fresh").buildJar(Files.createDirectories(home.resolve("staging")));
            LockFile current = LockFileJson.read(lockFile);
            dev.patchbay.host.config.AtomicFiles files = new dev.patchbay.host.config.AtomicFiles();
            files.write(lockFile, LockFileJson.bytes(current.with(List.of(new ArchiveLocking().entry(staged)))));
            Files.move(staged, plugins.resolve("fresh.jar"));

            PluginChanges changes = platform.rescan(PluginArchive.list(plugins));

            assertThat(changes.started()).extracting(PluginInfo::id).containsExactly("fresh");
        }
    }

    @Test
    void aJarSwappedAfterTheCheckButBeforeItsStagingCopyIsRefused() throws IOException {
        Path jar = plugin("geo").buildJar(plugins);
        lock();
        byte[] tampered;
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Path copy = Files.copy(jar, elsewhere.resolve("geo.jar"));
        LockTamper.changeOneByteOfClass(copy, "com/example/geo/Proc.class");
        tampered = Files.readAllBytes(copy);
        // Passes the original, then swaps the file in the plugins folder, as a race with an attacker would.
        ArchiveCheck swapAfterCheck = archive -> {
            if (archive.equals(jar)) {
                try {
                    Files.write(jar, tampered);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return ArchiveCheck.Findings.NONE;
        };
        ArchiveChecks checks = new ArchiveChecks(List.of(new LockCheck(LockMode.ENFORCE, lockFile), swapAfterCheck));

        DiscoveredPlugin found = new PluginDiscovery(new Versions(), dev.patchbay.api.ApiVersion.current(), checks)
                .discover(jar, PluginSelection.all());

        try {
            assertThat(found.info().state()).isEqualTo(PluginState.FAILED);
            assertThat(found.info().problems()).extracting(Problem::code).containsExactly(ProblemCode.LOCK_MISMATCH);
            assertThat(found.roots()).isEmpty();
        } finally {
            if (found.tempDirectory().isPresent()) {
                FileTrees.delete(found.tempDirectory().get());
            }
        }
    }
}
