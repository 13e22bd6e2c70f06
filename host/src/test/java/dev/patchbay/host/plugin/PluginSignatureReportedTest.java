package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.testing.TestSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without {@code plugins.requireSigned}: signers are reported (for {@code info} and {@code verify}) whoever they
 * are, unsigned archives are used, a broken signature is still refused, and entries added after signing are a
 * warning. No trust folder is needed.
 */
class PluginSignatureReportedTest {

    @TempDir
    static Path keys;
    private static TestSigner acme;
    private static TestSigner other;

    @TempDir
    Path plugins;
    @TempDir
    Path scratch;

    @BeforeAll
    static void makeKeys() {
        acme = TestSigner.create(keys, "Acme Release");
        other = TestSigner.create(keys, "Other Vendor");
    }

    private PluginInfo discoverOne() {
        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all(), Duration.ofSeconds(30),
                ArchivePolicy.open(scratch))) {
            List<PluginInfo> found = platform.discover();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    @Test
    void aSignedJarIsUsedAndItsSignerShownWithNoTrustFolder() {
        SignedArchives.signedJar(plugins, "csv", other);

        PluginInfo info = discoverOne();

        assertThat(info.state()).isEqualTo(PluginState.RESOLVED);
        assertThat(info.signers()).containsExactly(other.subject());
        assertThat(info.warnings()).isEmpty();
    }

    @Test
    void theSignersOfEveryLibJarOfAZipAreShownInOrder() {
        SignedArchives.zip(plugins, "csv", acme.sign(SignedArchives.libJar(scratch, "a-core")),
                other.sign(SignedArchives.libJar(scratch, "b-extra")), SignedArchives.libJar(scratch, "c-plain"));

        PluginInfo info = discoverOne();

        assertThat(info.state()).isEqualTo(PluginState.RESOLVED);
        assertThat(info.signers()).containsExactly(acme.subject(), other.subject());
    }

    @Test
    void anUnsignedJarOrFolderIsUsedWithNoSigner() {
        SignedArchives.folderWithClasses(plugins, "csv");

        PluginInfo info = discoverOne();

        assertThat(info.state()).isEqualTo(PluginState.RESOLVED);
        assertThat(info.signers()).isEmpty();
        assertThat(info.warnings()).isEmpty();
    }

    @Test
    void anEntryModifiedAfterSigningIsStillRefused() {
        SignedArchives.withModifiedFactory(SignedArchives.signedJar(plugins, "csv", acme));

        PluginInfo info = discoverOne();

        assertThat(info.state()).isEqualTo(PluginState.FAILED);
        assertThat(info.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.CHANGED_AFTER_SIGNING);
            assertThat(problem.message()).contains("'csv.jar'", "'" + SignedArchives.FACTORY_ENTRY + "'");
        });
        assertThat(info.signers()).containsExactly(acme.subject());
    }

    @Test
    void anEditedSignatureFileIsRefused() {
        SignedArchives.withEditedSignatureFile(SignedArchives.signedJar(plugins, "csv", acme));

        PluginInfo info = discoverOne();

        assertThat(info.state()).isEqualTo(PluginState.FAILED);
        assertThat(info.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.CHANGED_AFTER_SIGNING);
            assertThat(problem.message()).contains("'csv.jar'", "modified after signing",
                    "cannot verify signature block file META-INF/SIGNER");
        });
    }

    @Test
    void aCorruptLibJarIsLeftToDiscoveryWhichNamesThePlugin() throws java.io.IOException {
        Path garbage = java.nio.file.Files.writeString(scratch.resolve("core.jar"), "not a jar");
        SignedArchives.zip(plugins, "csv", acme.sign(SignedArchives.libJar(scratch, "a-signed")), garbage);

        PluginInfo info = discoverOne();

        assertThat(info.state()).isEqualTo(PluginState.FAILED);
        assertThat(info.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.CORRUPT_ARCHIVE);
            assertThat(problem.message()).contains("plugin 'csv'", "'core.jar'");
        });
        assertThat(info.signers()).containsExactly(acme.subject());
    }

    @Test
    void anEntryAddedAfterSigningIsAWarning() {
        SignedArchives.withAddedEntry(SignedArchives.signedJar(plugins, "csv", acme), "notes.txt");

        PluginInfo info = discoverOne();

        assertThat(info.state()).isEqualTo(PluginState.RESOLVED);
        assertThat(info.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.code()).isEqualTo(ProblemCode.CHANGED_AFTER_SIGNING);
            assertThat(warning.message()).contains("'csv.jar'", "'notes.txt'", "added after signing");
        });
    }
}
