package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A plugin author outside this repository: with only what {@code dist/sdk} provides (the same artifacts
 * {@code mvn -DskipTests install} puts into the local repository), Maven offline generates a plugin project
 * from the archetype, builds and tests it, and the jar starts in a Patchbay home; copies of the hello sample
 * and of the bundled-library sample build on their own the same way.
 */
class AuthorsIT {

    private static final List<String> SDK_FILES = List.of(
            "patchbay-api/1.3.0/patchbay-api-1.3.0.jar",
            "patchbay-api/1.3.0/patchbay-api-1.3.0-sources.jar",
            "patchbay-api/1.3.0/patchbay-api-1.3.0-javadoc.jar",
            "patchbay-api/1.3.0/patchbay-api-1.3.0.pom",
            "patchbay-api-processor/1.3.0/patchbay-api-processor-1.3.0.jar",
            "patchbay-api-processor/1.3.0/patchbay-api-processor-1.3.0-sources.jar",
            "patchbay-api-processor/1.3.0/patchbay-api-processor-1.3.0-javadoc.jar",
            "patchbay-api-processor/1.3.0/patchbay-api-processor-1.3.0.pom",
            "patchbay-testkit/1.3.0/patchbay-testkit-1.3.0.jar",
            "patchbay-testkit/1.3.0/patchbay-testkit-1.3.0-sources.jar",
            "patchbay-testkit/1.3.0/patchbay-testkit-1.3.0-javadoc.jar",
            "patchbay-testkit/1.3.0/patchbay-testkit-1.3.0.pom",
            "patchbay-plugin-archetype/1.3.0/patchbay-plugin-archetype-1.3.0.jar",
            "patchbay-plugin-archetype/1.3.0/patchbay-plugin-archetype-1.3.0.pom");

    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>\\s*<groupId>([^<]+)</groupId>\\s*"
            + "<artifactId>([^<]+)</artifactId>\\s*(?:<version>[^<]*</version>\\s*)?(?:<scope>([^<]+)</scope>)?");

    @TempDir
    static Path work;

    private static OfflineMaven maven;

    @BeforeAll
    static void offlineMavenOnTheSdkAlone() throws IOException {
        maven = new OfflineMaven(work, sdk());
    }

    @Test
    void theSdkHoldsEveryAuthorArtifactAndNoPomNamesASnapshotOrAParent() throws IOException {
        Path group = sdk().resolve("dev/patchbay");
        for (String file : SDK_FILES) {
            assertThat(group.resolve(file)).isNotEmptyFile();
        }
        try (Stream<Path> files = Files.walk(group)) {
            for (Path pom : files.filter(path -> path.toString().endsWith(".pom")).toList()) {
                String text = Files.readString(pom, StandardCharsets.UTF_8);
                assertThat(text).as(pom.toString()).doesNotContain("SNAPSHOT").doesNotContain("<parent>");
            }
        }
    }

    @Test
    void theTestKitBringsAuthorsTheApiAndJUnitAndNothingElse() throws IOException {
        String pom = Files.readString(sdk().resolve(
                "dev/patchbay/patchbay-testkit/1.3.0/patchbay-testkit-1.3.0.pom"), StandardCharsets.UTF_8);
        List<String> runtime = new ArrayList<>();
        Matcher dependency = DEPENDENCY.matcher(pom);
        while (dependency.find()) {
            String scope = dependency.group(3) == null ? "compile" : dependency.group(3);
            if (!scope.equals("test") && !scope.equals("provided")) {
                runtime.add(dependency.group(1) + ":" + dependency.group(2));
            }
        }
        assertThat(runtime).containsExactlyInAnyOrder("dev.patchbay:patchbay-api",
                "org.junit.jupiter:junit-jupiter-api");
    }

    @Test
    void aProjectFromTheArchetypeBuildsOfflineAndItsJarStartsInAPatchbayHome() throws Exception {
        Path projects = Files.createDirectories(work.resolve("generated"));
        maven.run(projects, "org.apache.maven.plugins:maven-archetype-plugin:"
                + System.getProperty("patchbay.archetype.plugin.version", "3.3.1") + ":generate",
                "-DarchetypeGroupId=dev.patchbay", "-DarchetypeArtifactId=patchbay-plugin-archetype",
                "-DarchetypeVersion=1.3.0", "-DgroupId=com.example.shout", "-DartifactId=shout",
                "-Dversion=0.1.0", "-Dpackage=com.example.shout", "-DpluginId=shout", "-DinteractiveMode=false");
        Path project = projects.resolve("shout");

        OfflineMaven.Result build = maven.run(project, "verify");

        assertThat(build.testsRun()).as("unit tests, then the integration test on the built jar")
                .hasSizeGreaterThanOrEqualTo(2).allMatch(count -> count > 0);
        Path jar = project.resolve("target/shout-0.1.0.jar");
        assertThat(serviceFile(jar, "dev.patchbay.api.ProcessorFactory"))
                .isEqualTo("com.example.shout.UpperCaseProcessorFactory\n");
        assertThat(maven.localRepository().resolve(
                "dev/patchbay/patchbay-api/1.3.0/_remote.repositories")).content().contains(">patchbay-sdk=");

        Patchbay patchbay = new Patchbay(work.resolve("home"));
        Path plugins = Files.createDirectories(patchbay.home().resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        Patchbay.Result list = patchbay.run("plugins", "list", "--start", "--json");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        JsonNode shout = plugin(list.stdout(), "shout");
        assertThat(shout.path("state").asText()).as(list.toString()).isEqualTo("STARTED");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "hello-plugin,       target/patchbay-sample-hello-1.0.0.jar",
        "bundled-lib-plugin, target/patchbay-sample-bundled-lib-1.0.0.zip"
    })
    void aSampleCopiedOutOfTheRepositoryBuildsAndRunsItsTestsOffline(String sample, String archive)
            throws Exception {
        Path copy = work.resolve(sample);
        copyTree(Path.of(System.getProperty("patchbay.samples", "../samples")).resolve(sample), copy);

        OfflineMaven.Result build = maven.run(copy, "verify");

        assertThat(build.testsRun()).as("unit tests, then the integration test on the built archive")
                .hasSizeGreaterThanOrEqualTo(2).allMatch(count -> count > 0);
        assertThat(copy.resolve(archive)).isNotEmptyFile();
    }

    private static Path sdk() {
        return Patchbay.dist().resolve("sdk");
    }

    private static String serviceFile(Path jar, String service) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getJarEntry("META-INF/services/" + service);
            assertThat(entry).as("META-INF/services/" + service + " in " + jar).isNotNull();
            return new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode plugin(String json, String id) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        for (JsonNode plugin : root.path("plugins")) {
            if (id.equals(plugin.path("id").asText())) {
                return plugin;
            }
        }
        throw new AssertionError("plugins list --json does not list '" + id + "':\n" + json);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(path -> !from.relativize(path).startsWith("target")).forEach(path -> {
                try {
                    Files.copy(path, to.resolve(from.relativize(path).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot copy " + path + " to " + to, e);
                }
            });
        }
    }
}
