package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link LockFile}, {@link LockFileJson} and {@link ArchiveLocking}: what {@code plugins lock} writes and reads. */
class LockFileJsonTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void theFileListsEachArchiveSortedWithItsLibsSortedInAFixedLayout() {
        LockFile lock = new LockFile(List.of(
                new LockFile.Entry("zeta.zip", "zeta", "2.0.0", A,
                        List.of(new LockFile.Lib("lib/y.jar", B), new LockFile.Lib("lib/x.jar", A))),
                new LockFile.Entry("alpha.jar", "alpha", "1.0.0", B, List.of())));

        assertThat(new String(LockFileJson.bytes(lock), StandardCharsets.UTF_8)).isEqualTo("""
                {
                  "lockVersion" : 1,
                  "archives" : [
                    {
                      "file" : "alpha.jar",
                      "id" : "alpha",
                      "version" : "1.0.0",
                      "sha256" : "%2$s",
                      "libs" : [ ]
                    },
                    {
                      "file" : "zeta.zip",
                      "id" : "zeta",
                      "version" : "2.0.0",
                      "sha256" : "%1$s",
                      "libs" : [
                        {
                          "name" : "lib/x.jar",
                          "sha256" : "%1$s"
                        },
                        {
                          "name" : "lib/y.jar",
                          "sha256" : "%2$s"
                        }
                      ]
                    }
                  ]
                }
                """.formatted(A, B));
    }

    @Test
    void whatIsWrittenReadsBackEqual() throws Exception {
        LockFile lock = new LockFile(List.of(new LockFile.Entry("x.zip", "x", "1.0.0", A,
                List.of(new LockFile.Lib("lib/u.jar", B)))));
        Path file = Files.write(dir.resolve("plugins.lock"), LockFileJson.bytes(lock));

        assertThat(LockFileJson.read(file)).isEqualTo(lock);
    }

    @Test
    void lockingAnUnchangedFolderAgainGivesTheSameBytes() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path lib = PluginJarBuilder.library("util").source("u.U", "package u; public class U {}")
                .buildJar(Files.createDirectories(dir.resolve("libs")));
        PluginJarBuilder.plugin("b").processor("b.P", "p").buildJar(plugins);
        PluginJarBuilder.plugin("a").processor("a.P", "p").lib(lib).buildZipWithTopFolder(plugins);
        PluginJarBuilder.plugin("c").processor("c.P", "p").lib(lib).buildFolder(plugins);
        ArchiveLocking locking = new ArchiveLocking();

        byte[] first = LockFileJson.bytes(locking.lock(plugins));

        assertThat(LockFileJson.bytes(locking.lock(plugins))).isEqualTo(first);
        assertThat(locking.lock(plugins).archives()).extracting(LockFile.Entry::file)
                .containsExactly("a.zip", "b.jar", "c");
    }

    @Test
    void anEntryHasTheIdVersionDigestAndLibsOfItsArchive() throws IOException {
        Path lib = PluginJarBuilder.library("util").source("u.U", "package u; public class U {}")
                .buildJar(Files.createDirectories(dir.resolve("libs")));
        Path zip = PluginJarBuilder.plugin("geo").version("1.2.3").processor("g.P", "p").lib(lib)
                .buildZipWithTopFolder(dir);
        Path jar = PluginJarBuilder.plugin("map").processor("m.P", "p").buildJar(dir);
        Path broken = Files.writeString(dir.resolve("broken.jar"), "not a jar");

        ArchiveLocking locking = new ArchiveLocking();

        assertThat(locking.entry(zip)).isEqualTo(new LockFile.Entry("geo.zip", "geo", "1.2.3", ArchiveDigest.of(zip),
                List.of(new LockFile.Lib("lib/util.jar", ArchiveDigest.of(lib)))));
        assertThat(locking.entry(jar).libs()).isEmpty();
        assertThat(locking.entry(broken)).isEqualTo(new LockFile.Entry("broken.jar", "", "",
                ArchiveDigest.of(broken), List.of()));
    }

    @Test
    void withReplacesEntriesOfTheSameFileAndWithoutDropsThem() {
        LockFile lock = new LockFile(List.of(new LockFile.Entry("a.jar", "a", "1.0.0", A, List.of()),
                new LockFile.Entry("b.jar", "b", "1.0.0", A, List.of())));

        LockFile changed = lock.with(List.of(new LockFile.Entry("a.jar", "a", "1.0.0", B, List.of())))
                .without(List.of("b.jar"));

        assertThat(changed.archives()).extracting(LockFile.Entry::file, LockFile.Entry::sha256)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a.jar", B));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON | {\"archives\": [ | is not valid JSON",
        "an array | [] | is not a JSON object",
        "no format version | {\"archives\": []} | has \"lockVersion\": null, but this Patchbay reads 1",
        "a newer format | {\"lockVersion\": 2, \"archives\": []} | has \"lockVersion\": 2, but this Patchbay reads 1",
        "no archives | {\"lockVersion\": 1} | has no \"archives\" array",
        "an entry without a digest | {\"lockVersion\": 1, \"archives\": [{\"file\": \"a.jar\"}]}"
                + " | has an invalid entry archives[0]: the SHA-256 of 'a.jar' must be 64 lower-case hex digits,"
                + " but is missing",
        "an upper-case digest | {\"lockVersion\": 1, \"archives\": [{\"file\": \"a.jar\", \"sha256\": \""
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}]}"
                + " | has an invalid entry archives[0]: the SHA-256 of 'a.jar' must be 64 lower-case hex digits",
        "an entry without a file | {\"lockVersion\": 1, \"archives\": [{\"sha256\": \""
                + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]}"
                + " | has an invalid entry archives[0]: a lockfile entry's file must be a non-empty string",
        "a string entry | {\"lockVersion\": 1, \"archives\": [\"a.jar\"]} | archives[0]: it is string, not an object",
        "a file twice | {\"lockVersion\": 1, \"archives\": [{\"file\": \"a.jar\", \"sha256\": \""
                + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}, {\"file\": \"a.jar\","
                + " \"sha256\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]}"
                + " | lists the archive 'a.jar' twice",
    })
    void aBrokenLockfileIsRefusedNamingTheFileTheFaultAndTheFix(String name, String content, String fault)
            throws IOException {
        Path file = Files.writeString(dir.resolve("plugins.lock"), content);

        assertThatThrownBy(() -> LockFileJson.read(file)).isInstanceOf(LockFileJson.UnreadableLockFile.class)
                .hasMessageContaining("the lockfile '" + file + "' ").hasMessageContaining(fault)
                .hasMessageContaining("run `patchbay plugins lock`");
    }

    @Test
    void aMissingLockfileSaysHowToWriteIt() {
        Path file = dir.resolve("plugins.lock");

        assertThatThrownBy(() -> LockFileJson.read(file)).isInstanceOf(LockFileJson.UnreadableLockFile.class)
                .hasMessage("the lockfile '" + file + "' does not exist; run `patchbay plugins lock` to write it from"
                        + " the plugins folder as it is, or set \"plugins\": {\"lock\": \"off\"}");
    }
}
