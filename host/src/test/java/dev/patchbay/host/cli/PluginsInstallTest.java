package dev.patchbay.host.cli;

import static dev.patchbay.host.cli.PluginInstallFixture.fingerprint;
import static dev.patchbay.host.cli.PluginInstallFixture.jar;
import static dev.patchbay.host.cli.PluginInstallFixture.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchbay plugins install}: staged, verified against the home, moved in atomically, or nothing changes. */
class PluginsInstallTest {

    @TempDir
    Path home;

    @TempDir
    Path downloads;

    private Path plugins;

    @BeforeEach
    void pluginsFolder() throws IOException {
        plugins = Files.createDirectories(home.resolve("plugins"));
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private CliRun run(String... args) {
        return CliRun.in(home, args);
    }

    private Path staging() {
        return home.resolve("state").resolve(ArchiveStaging.FOLDER);
    }

    /** The command failed with exit 1, the plugins folder is exactly as it was, and no staging copy is left. */
    private void refusedAndUnchanged(CliRun result, Map<String, String> before) {
        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(result.out()).contains("nothing installed", "the plugins folder is unchanged");
        assertThat(fingerprint(plugins)).isEqualTo(before);
        assertThat(staging()).doesNotExist();
    }

    @Test
    void installsAVerifiedArchiveAndLeavesNoStagingCopy() {
        Path archive = jar(downloads, "files", "1.0.0");

        CliRun result = run("plugins", "install", archive.toString());

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("OK      " + archive + "  (files 1.0.0)",
                "installed " + plugins.resolve("files-1.0.0.jar"));
        assertThat(fingerprint(plugins)).containsOnlyKeys("files-1.0.0.jar");
        assertThat(plugins.resolve("files-1.0.0.jar")).hasSameBinaryContentAs(archive);
        assertThat(archive).exists();
        assertThat(staging()).doesNotExist();
        assertThat(run("plugins", "list").out()).contains("files");
    }

    @Test
    void aDependencyOnAnInstalledPluginIsSatisfiedByTheHome() {
        jar(plugins, "base", "1.0.0");
        Path user = plugin("user", "1.0.0").dependencies("base@>=1.0.0 & <2.0.0").buildJar(downloads);

        CliRun result = run("plugins", "install", user.toString());

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(fingerprint(plugins)).containsOnlyKeys("base-1.0.0.jar", "user-1.0.0.jar");
    }

    @Test
    void aDependencyInTheWrongVersionIsRefused() {
        jar(plugins, "base", "1.0.0");
        Path user = plugin("user", "1.0.0").dependencies("base@>=2.0.0").buildJar(downloads);
        Map<String, String> before = fingerprint(plugins);

        CliRun result = run("plugins", "install", user.toString());

        refusedAndUnchanged(result, before);
        assertThat(result.out()).contains("FAILED  " + user, "PB-PLUGIN-007",
                "requires plugin 'base' >=2.0.0 but 'base' 1.0.0 is installed");
    }

    @Test
    void anArchiveWithoutExtensionsIsRefused() {
        Path library = PluginJarBuilder.plugin("empty").fileName("empty-1.0.0").buildJar(downloads);
        Map<String, String> before = fingerprint(plugins);

        CliRun result = run("plugins", "install", library.toString());

        refusedAndUnchanged(result, before);
        assertThat(result.out()).contains("FAILED  " + library, "PB-PLUGIN-016");
    }

    @Test
    void oneBadArchiveKeepsTheGoodOnesOutToo() {
        Path good = jar(downloads, "good", "1.0.0");
        Path bad = plugin("bad", "1.0.0").requires(">=9.0.0").buildJar(downloads);
        Map<String, String> before = fingerprint(plugins);

        CliRun result = run("plugins", "install", good.toString(), bad.toString());

        refusedAndUnchanged(result, before);
        assertThat(result.out()).contains("OK      " + good, "FAILED  " + bad, "PB-PLUGIN-005");
    }

    @Test
    void theSameIdAndVersionAsAnInstalledArchiveIsRefusedNamingBothFiles() throws IOException {
        Path installed = jar(plugins, "files", "1.0.0");
        Path copy = Files.copy(jar(downloads, "files", "1.0.0"), downloads.resolve("files-copy.jar"));
        Map<String, String> before = fingerprint(plugins);

        CliRun result = run("plugins", "install", copy.toString());

        refusedAndUnchanged(result, before);
        assertThat(result.out()).contains("REFUSED " + copy, "plugin 'files' 1.0.0 is already installed as '"
                + installed + "', and '" + copy + "' declares the same id and version",
                "`patchbay plugins remove files@1.0.0`").doesNotContain("PB-PLUGIN-004");
    }

    @Test
    void aFileNameThePluginsFolderHasWithOtherContentIsRefused() throws IOException {
        Files.writeString(plugins.resolve("files-1.0.0.jar"), "something else");
        Path archive = jar(downloads, "files", "1.0.0");
        Map<String, String> before = fingerprint(plugins);

        CliRun result = run("plugins", "install", archive.toString());

        refusedAndUnchanged(result, before);
        assertThat(result.out()).contains("REFUSED " + archive, "the plugins folder already has a different "
                + "'files-1.0.0.jar' (" + plugins.resolve("files-1.0.0.jar") + ")");
    }

    @Test
    void theVeryArchiveAlreadyInstalledIsLeftAsItIs() throws IOException {
        Path archive = jar(downloads, "files", "1.0.0");
        Files.copy(archive, plugins.resolve("files-1.0.0.jar"));
        Map<String, String> before = fingerprint(plugins);

        CliRun result = run("plugins", "install", archive.toString());

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("already installed: " + plugins.resolve("files-1.0.0.jar"));
        assertThat(fingerprint(plugins)).isEqualTo(before);
    }

    @Test
    void anInstallThatBreaksAnInstalledPluginIsRefusedNamingIt() {
        jar(plugins, "base", "1.0.0");
        Path app = plugin("app", "1.0.0").dependencies("base@>=1.0.0 & <2.0.0").buildJar(plugins);
        Path base2 = jar(downloads, "base", "2.0.0");
        Map<String, String> before = fingerprint(plugins);

        CliRun result = run("plugins", "install", "--replace", base2.toString());

        refusedAndUnchanged(result, before);
        assertThat(result.out()).contains("OK      " + base2, "BREAKS  " + app + "  (installed app 1.0.0)",
                "PB-PLUGIN-007");
    }

    @Test
    void anUpgradeWithReplaceDeletesTheOlderVersionAfterTheNewOneIsIn() {
        Path old = jar(plugins, "files", "1.0.0");
        Path upgrade = jar(downloads, "files", "1.1.0");

        CliRun result = run("plugins", "install", "--replace", upgrade.toString());

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("installed " + plugins.resolve("files-1.1.0.jar"),
                "removed the older version " + old);
        assertThat(fingerprint(plugins)).containsOnlyKeys("files-1.1.0.jar");
    }

    @Test
    void aReplaceThatWouldRemoveTheOnlyVersionAPinnedStageAllowsIsRefusedNamingTheStage() throws IOException {
        jar(plugins, "files", "1.0.0");
        Path upgrade = jar(downloads, "files", "1.1.0");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/patchbay.json"), """
                {"logging": {"level": "WARN"}, "pipelines": {"orders": {
                  "source": {"use": "files/p", "version": ">=1.0.0 & <1.1.0"}, "sink": {"use": "files/p"}}}}
                """);
        Map<String, String> before = fingerprint(plugins);

        CliRun result = run("plugins", "install", "--replace", upgrade.toString());

        refusedAndUnchanged(result, before);
        assertThat(result.out()).contains("--replace would remove plugin 'files' 1.0.0",
                "pipeline 'orders' (source files/p (version >=1.0.0 & <1.1.0))", "install without --replace");

        CliRun sideBySide = run("plugins", "install", upgrade.toString());
        assertThat(sideBySide.exit()).as(sideBySide.out() + sideBySide.err()).isZero();
        assertThat(fingerprint(plugins)).containsOnlyKeys("files-1.0.0.jar", "files-1.1.0.jar");
    }

    @Test
    void anUpgradeWithoutReplaceKeepsBothVersionsSideBySide() {
        jar(plugins, "files", "1.0.0");
        Path upgrade = jar(downloads, "files", "1.1.0");

        CliRun result = run("plugins", "install", upgrade.toString());

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(fingerprint(plugins)).containsOnlyKeys("files-1.0.0.jar", "files-1.1.0.jar");
    }

    @Test
    void jsonListsTheVerdictAndWhatWasInstalled() throws IOException {
        Path archive = jar(downloads, "files", "1.0.0");
        Path bad = plugin("bad", "1.0.0").requires(">=9.0.0").buildJar(downloads);

        CliRun failed = run("plugins", "install", "--json", archive.toString(), bad.toString());
        CliRun passed = run("plugins", "install", "--json", archive.toString());

        assertThat(failed.exit()).isEqualTo(ExitCodes.PROBLEMS);
        JsonNode document = failed.json();
        assertThat(document.get("ok").asBoolean()).isFalse();
        assertThat(document.get("archives")).hasSize(2);
        assertThat(document.get("archives").get(1).get("file").asText()).isEqualTo(bad.toString());
        assertThat(document.get("archives").get(1).get("problems").get(0).get("code").asText())
                .isEqualTo("PB-PLUGIN-005");
        assertThat(document.get("installed")).isEmpty();
        assertThat(passed.exit()).as(passed.out() + passed.err()).isZero();
        assertThat(passed.json().get("installed").get(0).asText()).isEqualTo(plugins.resolve("files-1.0.0.jar")
                .toString());
    }

    @Test
    void aMissingFileIsAUsageErrorNamingIt() {
        CliRun result = run("plugins", "install", "nope.jar");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("cannot install '" + home.resolve("nope.jar") + "'");
    }
}
