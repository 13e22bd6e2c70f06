package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginVerifierTest {

    @TempDir
    Path dir;

    @Test
    void goodArchiveIsResolvedAndNothingStaysLoaded() {
        Path good = PluginJarBuilder.plugin("good").processor("com.example.v.Good", "good").buildJar(dir);
        PluginDiscoveryTest.CountingClassLoaders loaders = new PluginDiscoveryTest.CountingClassLoaders();

        List<PluginInfo> results = new PluginVerifier(loaders).verify(List.of(good));

        assertThat(results).singleElement().satisfies(info -> {
            assertThat(info.state()).isEqualTo(PluginState.RESOLVED);
            assertThat(info.path()).isEqualTo(good);
            assertThat(info.extensions()).extracting(ExtensionDescriptor::name).containsExactly("good");
        });
        assertThat(loaders.pluginIds).as("factories were instantiated in a throwaway loader").containsExactly("good");
        assertThat(loaders.created).allSatisfy(loader -> assertThat(loader.isClosed()).isTrue());
    }

    @Test
    void factoryWhoseConstructorThrowsIsCaughtByInstantiatingIt() {
        Path bad = PluginJarBuilder.plugin("bad").source("com.example.v.Bad", Sources.processor("com.example.v.Bad",
                "bad", "public Bad() { throw new IllegalStateException(\"no\"); }"))
                .service(ProcessorFactory.class, "com.example.v.Bad").buildJar(dir);

        assertThat(PluginVerifier.startingInProcess().verify(List.of(bad))).singleElement().satisfies(info -> {
            assertThat(info.state()).isEqualTo(PluginState.FAILED);
            assertThat(info.problems()).extracting(Problem::code).containsExactly(ProblemCode.EXTENSION_INIT_FAILED);
        });
    }

    @Test
    void resultsFollowTheOrderGivenAndReportEachArchive() throws Exception {
        Path zeta = PluginJarBuilder.plugin("zeta").processor("com.example.v.Zeta", "zeta").buildJar(dir);
        Path corrupt = java.nio.file.Files.writeString(dir.resolve("corrupt.jar"), "nope");
        Path missing = dir.resolve("missing.jar");
        Path alpha = PluginJarBuilder.plugin("alpha").requires(">=2.0.0")
                .processor("com.example.v.Alpha", "alpha").buildZip(dir);

        List<PluginInfo> results = PluginVerifier.startingInProcess().verify(List.of(zeta, corrupt, missing, alpha));

        assertThat(results).extracting(PluginInfo::path).containsExactly(zeta, corrupt, missing, alpha);
        assertThat(results).extracting(PluginInfo::state).containsExactly(PluginState.RESOLVED, PluginState.FAILED,
                PluginState.FAILED, PluginState.FAILED);
        assertThat(results.get(1).problems()).extracting(Problem::code).containsExactly(ProblemCode.CORRUPT_ARCHIVE);
        assertThat(results.get(2).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.CORRUPT_ARCHIVE);
            assertThat(problem.message()).contains("does not exist");
        });
        assertThat(results.get(3).problems()).extracting(Problem::code).containsExactly(ProblemCode.API_INCOMPATIBLE);
    }

    @Test
    void dependencyIsMissingAloneButResolvesWhenVerifiedTogether() {
        Path base = PluginJarBuilder.plugin("base").processor("com.example.v.Base", "base").buildJar(dir);
        Path user = PluginJarBuilder.plugin("user").dependencies("base@>=1.0.0")
                .processor("com.example.v.User", "user").buildJar(dir);

        assertThat(PluginVerifier.startingInProcess().verify(List.of(user))).singleElement().satisfies(info -> {
            assertThat(info.state()).isEqualTo(PluginState.FAILED);
            assertThat(info.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.DEPENDENCY_MISSING);
                assertThat(problem.message()).contains("'base'", "same verify run");
            });
        });
        assertThat(PluginVerifier.startingInProcess().verify(List.of(user, base))).extracting(PluginInfo::state)
                .containsExactly(PluginState.RESOLVED, PluginState.RESOLVED);
    }

    @Test
    void duplicateIdsAmongVerifiedArchivesAreReported() {
        Path first = PluginJarBuilder.plugin("same").fileName("same-a").processor("com.example.v.A", "a")
                .buildJar(dir);
        Path second = PluginJarBuilder.plugin("same").fileName("same-b").processor("com.example.v.B", "b")
                .buildJar(dir);
        assertThat(PluginVerifier.startingInProcess().verify(List.of(first, second))).allSatisfy(info ->
                assertThat(info.problems()).extracting(Problem::code).containsExactly(ProblemCode.DUPLICATE_ID));
    }
}
