package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Unit tests of descriptor, dependency and range parsing. */
class PluginManifestTest {

    private final Versions versions = new Versions();

    static Stream<Arguments> dependencyLists() {
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of("   ", List.of()),
                Arguments.of("csv", List.of(new PluginDependency("csv", "*", false))),
                Arguments.of("csv@>=1.0.0 & <2.0.0, geo?@*", List.of(
                        new PluginDependency("csv", ">=1.0.0 & <2.0.0", false),
                        new PluginDependency("geo", "*", true))),
                Arguments.of(" a @ 1.2.0 ,b?", List.of(new PluginDependency("a", "1.2.0", false),
                        new PluginDependency("b", "*", true))),
                Arguments.of("x.y-z_1@1.x", List.of(new PluginDependency("x.y-z_1", "1.x", false))));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("dependencyLists")
    void parsesDependencyLists(String text, List<PluginDependency> expected) {
        assertThat(PluginManifest.parseDependencies(text, versions)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @CsvSource(delimiter = '|', value = {
        "csv,,geo | empty entry",
        "@1.0.0 | does not start with a plugin id",
        "bad id@1.0.0 | does not start with a plugin id",
        "csv@ | 'csv@'",
        "csv@>=> 1 | '>=> 1'",
        "csv@banana | 'banana'"
    })
    void rejectsMalformedDependencies(String text, String fragment) {
        assertThatThrownBy(() -> PluginManifest.parseDependencies(text, versions))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(fragment.trim());
    }

    @ParameterizedTest(name = "api {0} in ''{1}'' = {2}")
    @CsvSource(delimiter = '|', value = {
        "1.0.0 | >=1.0.0 & <2.0.0 | true",
        "2.0.0 | >=1.0.0 & <2.0.0 | false",
        "1.0.0 | * | true",
        "1.0.0 | 1.x | true",
        "1.0.0 | 0.9.0 | true",
        "1.0.0 | 1.1.0 | false",
        "1.0.0 | >=2.0.0 & <3.0.0 | false",
        "1.5.3 | ~1.5 | true"
    })
    void checksVersionsAgainstRangesLikePf4j(String version, String range, boolean expected) {
        assertThat(versions.isValidRange(range)).isTrue();
        assertThat(versions.satisfies(version, range)).isEqualTo(expected);
    }

    @Test
    void validatesVersions() {
        assertThat(versions.isValidVersion("1.2.3")).isTrue();
        assertThat(versions.isValidVersion("1.2.3-rc.1+build.5")).isTrue();
        assertThat(versions.isValidVersion("1.2")).isFalse();
        assertThat(versions.isValidVersion("banana")).isFalse();
        assertThat(Versions.major("1.4.2")).isEqualTo("1");
    }

    @Test
    void readsEveryDescriptorAttribute() {
        PluginManifest parsed = PluginManifest.parse(manifest("Plugin-Id", "csv", "Plugin-Version", "1.2.0",
                "Plugin-Provider", "Acme", "Plugin-License", "MIT", "Plugin-Description", "CSV files",
                "Plugin-Requires", ">=1.0.0 & <2.0.0", "Plugin-Dependencies", "geo?@*"), "csv.jar", versions);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed).isEqualTo(new PluginManifest("csv", true, "1.2.0", "Acme", "MIT", "CSV files",
                ">=1.0.0 & <2.0.0", List.of(new PluginDependency("geo", "*", true)), List.of()));
        org.pf4j.PluginDescriptor pf4j = parsed.toPf4j();
        assertThat(pf4j.getPluginId()).isEqualTo("csv");
        assertThat(pf4j.getRequires()).isEqualTo(">=1.0.0 & <2.0.0");
        assertThat(pf4j.getDependencies()).singleElement().satisfies(dependency -> {
            assertThat(dependency.getPluginId()).isEqualTo("geo");
            assertThat(dependency.isOptional()).isTrue();
            assertThat(dependency.getPluginVersionSupport()).isEqualTo("*");
        });
    }

    @Test
    void missingRequiresMeansAnyApiAndMissingIdFallsBackToTheFileName() {
        PluginManifest parsed = PluginManifest.parse(manifest("Plugin-Version", "1.0.0"), "thing.jar", versions);
        assertThat(parsed.requires()).isEqualTo("*");
        assertThat(parsed.id()).isEqualTo("thing.jar");
        assertThat(parsed.hasId()).isFalse();
        assertThat(parsed.problems()).extracting(Problem::code).containsExactly(ProblemCode.MISSING_DESCRIPTOR);
    }

    @Test
    void reportsEveryProblemOfAManifestAtOnce() {
        PluginManifest parsed = PluginManifest.parse(manifest("Plugin-Id", "csv", "Plugin-Version", "x",
                "Plugin-Requires", "?!", "Plugin-Dependencies", "a@?"), "csv.jar", versions);
        assertThat(parsed.problems()).extracting(Problem::code).containsOnly(ProblemCode.INVALID_DESCRIPTOR)
                .hasSize(3);
        assertThat(parsed.hasId()).isTrue();
    }

    @Test
    void problemCodesAreStableAndSequential() {
        ProblemCode[] codes = ProblemCode.values();
        for (int i = 0; i < codes.length; i++) {
            assertThat(codes[i].id()).isEqualTo(String.format("PB-PLUGIN-%03d", i + 1));
        }
    }

    @Test
    void everyProblemCodeHasARowInTheReadmeTable() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        for (ProblemCode code : ProblemCode.values()) {
            assertThat(readme).as(code.name()).contains("| `" + code.id() + "` |");
        }
    }

    private static Manifest manifest(String... pairs) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < pairs.length; i += 2) {
            manifest.getMainAttributes().put(new Attributes.Name(pairs[i]), pairs[i + 1]);
        }
        return manifest;
    }
}
