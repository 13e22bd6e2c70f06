package dev.patchbay.host.cli;

import static dev.patchbay.host.cli.PluginInstallFixture.fingerprint;
import static dev.patchbay.host.cli.PluginInstallFixture.jar;
import static dev.patchbay.host.cli.PluginInstallFixture.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.plugin.ArchiveLocking;
import dev.patchbay.host.plugin.LockFile;
import dev.patchbay.host.plugin.LockFileJson;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code patchbay plugins lock}, and {@code install} and {@code remove} keeping the lockfile current. */
class PluginsLockTest {

    @TempDir
    Path home;

    @TempDir
    Path downloads;

    private Path plugins;
    private Path lockFile;

    @BeforeEach
    void folders() throws IOException {
        plugins = Files.createDirectories(home.resolve("plugins"));
        lockFile = home.resolve("config/plugins.lock");
        Files.createDirectories(lockFile.getParent());
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private CliRun run(String... args) {
        return CliRun.in(home, args);
    }

    private void config(String lock) throws IOException {
        Files.writeString(home.resolve("config/patchbay.json"), "{\"logging\": {\"level\": \"WARN\"}, \"plugins\": "
                + "{\"lock\": \"" + lock + "\", \"disabled\": [\"off\"]}}");
    }

    private static String sha256(Path archive) throws IOException {
        return new ArchiveLocking().entry(archive).sha256();
    }

    private LockFile lock() throws Exception {
        return LockFileJson.read(lockFile);
    }

    @Test
    void locksEveryArchiveOfTheFolderDisabledAndBrokenOnesTooAndSaysSo() throws Exception {
        config("off");
        Path lib = PluginJarBuilder.library("util").source("u.U", "package u; public class U {}").buildJar(downloads);
        Path geo = jar(plugins, "geo", "1.0.0");
        plugin("csv", "1.1.0").lib(lib).buildZip(plugins);
        jar(plugins, "off", "2.0.0");
        Path broken = PluginJars.corrupt(plugins, "broken.jar");

        CliRun result = run("plugins", "lock");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(lock().archives()).extracting(LockFile.Entry::file)
                .containsExactly("broken.jar", "csv-1.1.0.zip", "geo-1.0.0.jar", "off-2.0.0.jar");
        assertThat(lock().entry("csv-1.1.0.zip").orElseThrow().libs()).extracting(LockFile.Lib::name)
                .containsExactly("lib/util.jar");
        assertThat(result.out()).contains("locked 4 archives in " + lockFile,
                "  added    geo-1.0.0.jar  geo 1.0.0  sha256 " + sha256(geo),
                "  added    csv-1.1.0.zip  csv 1.1.0  sha256 ", "(1 lib/ jar)",
                "  added    broken.jar  (no Plugin-Id)  sha256 " + sha256(broken));
    }

    @Test
    void lockingAgainWritesTheSameBytesAndReportsWhatChanged() throws Exception {
        Path geo = jar(plugins, "geo", "1.0.0");
        Path gone = jar(plugins, "gone", "1.0.0");
        assertThat(run("plugins", "lock").exit()).isZero();
        byte[] first = Files.readAllBytes(lockFile);
        String before = sha256(geo);

        CliRun again = run("plugins", "lock");
        assertThat(Files.readAllBytes(lockFile)).isEqualTo(first);
        assertThat(again.out()).contains("  same     geo-1.0.0.jar");

        plugin("geo", "1.0.0").resource("extra.txt", "changed").buildJar(plugins);
        Files.delete(gone);
        jar(plugins, "fresh", "1.0.0");
        CliRun changed = run("plugins", "lock");

        assertThat(changed.out()).contains("  changed  geo-1.0.0.jar  geo 1.0.0  sha256 " + sha256(geo)
                        + "  was " + before, "  added    fresh-1.0.0.jar", "  removed  gone-1.0.0.jar  gone 1.0.0  (no"
                        + " longer in the plugins folder)");
    }

    @Test
    void jsonPrintsTheLockfileAsWrittenAndTheChanges() throws Exception {
        jar(plugins, "geo", "1.0.0");

        CliRun result = run("plugins", "lock", "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode document = result.json();
        assertThat(document.get("schemaVersion").intValue()).isEqualTo(1);
        assertThat(document.get("lockFile").textValue()).isEqualTo(lockFile.toString());
        assertThat(document.get("lock")).isEqualTo(new ObjectMapper().readTree(lockFile.toFile()));
        assertThat(document.get("added")).extracting(JsonNode::textValue).containsExactly("geo-1.0.0.jar");
        assertThat(document.get("changed")).isEmpty();
        assertThat(document.get("removed")).isEmpty();
    }

    @Test
    void withoutAPluginsFolderItIsAUsageErrorAndWritesNothing() throws IOException {
        Files.delete(plugins);

        CliRun result = run("plugins", "lock");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("the plugins folder " + plugins + " does not exist");
        assertThat(lockFile).doesNotExist();
    }

    @Test
    void underEnforceATamperedArchiveIsListedAsFailedWithTheMismatch() throws Exception {
        config("enforce");
        jar(plugins, "geo", "1.0.0");
        run("plugins", "lock");
        plugin("geo", "1.0.0").resource("extra.txt", "tampered").buildJar(plugins);

        CliRun list = run("plugins", "list");

        assertThat(list.out()).contains("FAILED", "PB-PLUGIN-021", "plugin archive 'geo-1.0.0.jar' differs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"warn", "enforce"})
    void installAddsTheNewArchiveToTheLockAndItIsNotRefused(String mode) throws Exception {
        config(mode);
        jar(plugins, "geo", "1.0.0");
        run("plugins", "lock");
        Path archive = jar(downloads, "files", "1.0.0");

        CliRun result = run("plugins", "install", archive.toString());

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.err()).contains("the lockfile " + lockFile + " now lists the installed archives");
        assertThat(lock().entry("files-1.0.0.jar").orElseThrow().sha256()).isEqualTo(sha256(archive));
        CliRun list = run("plugins", "list", "--json");
        assertThat(list.json().get("plugins")).allSatisfy(plugin -> {
            assertThat(plugin.get("state").textValue()).isEqualTo("RESOLVED");
            assertThat(plugin.get("problems")).isEmpty();
            assertThat(plugin.get("warnings")).isEmpty();
        });
    }

    @Test
    void installKeepsTheLockedDigestOfAnInstalledArchiveSoATamperedOneStaysRefused() throws Exception {
        config("enforce");
        Path geo = jar(plugins, "geo", "1.0.0");
        run("plugins", "lock");
        String locked = sha256(geo);
        plugin("geo", "1.0.0").resource("extra.txt", "tampered").buildJar(plugins);

        CliRun result = run("plugins", "install", jar(downloads, "files", "1.0.0").toString());

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(lock().entry("geo-1.0.0.jar").orElseThrow().sha256()).isEqualTo(locked);
        assertThat(run("plugins", "list").out()).contains("PB-PLUGIN-021", "'geo-1.0.0.jar'");
    }

    @Test
    void installWithReplaceDropsTheOldVersionsEntry() throws Exception {
        config("enforce");
        jar(plugins, "geo", "1.0.0");
        run("plugins", "lock");

        CliRun result = run("plugins", "install", "--replace", jar(downloads, "geo", "1.1.0").toString());

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(lock().archives()).extracting(LockFile.Entry::file).containsExactly("geo-1.1.0.jar");
    }

    @Test
    void installWithoutALockfileWritesOneWithTheNewArchivesAndSaysHowToLockTheRest() throws Exception {
        config("enforce");
        jar(plugins, "geo", "1.0.0");

        CliRun result = run("plugins", "install", jar(downloads, "files", "1.0.0").toString());

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.err()).contains("there is no lockfile " + lockFile + " yet", "`patchbay plugins lock`");
        assertThat(lock().archives()).extracting(LockFile.Entry::file).containsExactly("files-1.0.0.jar");
    }

    @Test
    void installWithABrokenLockfileChangesNothing() throws IOException {
        config("enforce");
        Files.writeString(lockFile, "{ not json");
        Map<String, String> before = fingerprint(plugins);

        CliRun result = run("plugins", "install", jar(downloads, "files", "1.0.0").toString());

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("cannot keep the lockfile current: the lockfile '" + lockFile
                + "' is not valid JSON", "nothing was installed");
        assertThat(fingerprint(plugins)).isEqualTo(before);
        assertThat(lockFile).hasContent("{ not json");
    }

    @Test
    void installWithTheLockOffLeavesNoLockfile() throws IOException {
        config("off");

        assertThat(run("plugins", "install", jar(downloads, "files", "1.0.0").toString()).exit()).isZero();

        assertThat(lockFile).doesNotExist();
    }

    @Test
    void removeDropsTheRemovedArchivesEntries() throws Exception {
        config("enforce");
        jar(plugins, "geo", "1.0.0");
        jar(plugins, "files", "1.0.0");
        run("plugins", "lock");

        CliRun result = run("plugins", "remove", "files");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("removed 1 entry from the lockfile " + lockFile);
        assertThat(lock().archives()).extracting(LockFile.Entry::file).containsExactly("geo-1.0.0.jar");
        assertThat(run("plugins", "list").out()).doesNotContain("PB-PLUGIN-02");
    }
}
