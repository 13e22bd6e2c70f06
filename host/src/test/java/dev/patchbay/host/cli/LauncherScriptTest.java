package dev.patchbay.host.cli;

import dev.patchbay.api.ApiVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the distribution's launcher, {@code distribution/src/main/home/bin/patchbay}, with {@code sh} in
 * a small installation built in a temporary folder. A fake {@code java} prints the arguments it receives,
 * one per line, and exits 7, so the tests see exactly what the launcher passes to the JVM.
 */
class LauncherScriptTest {

    private static final Path SCRIPT = Path.of("..", "distribution", "src", "main", "home", "bin", "patchbay");
    private static final Path DIST = Path.of("..", "dist", "bin", "patchbay");

    @TempDir
    Path root;

    private Path install;
    private Path fakeJavaHome;

    record Run(int exit, List<String> lines, String err) {
    }

    @BeforeEach
    void buildInstallation() throws IOException {
        install = root.resolve("patchbay");
        Files.createDirectories(install.resolve("bin"));
        Files.createDirectories(install.resolve("lib"));
        Path launcher = Files.copy(SCRIPT, install.resolve("bin/patchbay"));
        makeExecutable(launcher);
        fakeJavaHome = root.resolve("jdk");
        Files.createDirectories(fakeJavaHome.resolve("bin"));
        Path java = Files.writeString(fakeJavaHome.resolve("bin/java"),
                "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\nexit 7\n");
        makeExecutable(java);
    }

    private static void makeExecutable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run run(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("PATCHBAY_HOME");
        builder.environment().remove("PATCHBAY_CONFIG");
        builder.environment().putAll(env);
        Path errFile = root.resolve("stderr.txt");
        builder.redirectError(errFile.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(process.exitValue(), out.lines().toList(), Files.readString(errFile));
    }

    @Test
    void javaHomeJavaGetsTheHookListOpenedJavaOptsTheHomeTheClasspathTheMainClassAndTheArgumentsUntouched() throws Exception {
        Run run = run(install.resolve("bin/patchbay"),
                Map.of("JAVA_HOME", fakeJavaHome.toString(), "JAVA_OPTS", "-Xmx64m  -Dwild=*.jar"),
                "plugins", "info", "an id with spaces");

        assertThat(run.exit()).as("the JVM's exit code is passed through").isEqualTo(7);
        String installDir = install.toRealPath().toString();
        assertThat(run.lines()).containsExactly("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Xmx64m",
                "-Dwild=*.jar", "-Dpatchbay.home=" + installDir, "-cp", installDir + "/lib/*",
                "dev.patchbay.host.cli.Main", "plugins", "info", "an id with spaces");
    }

    @Test
    void patchbayHomeChoosesTheHomeWhileTheCodeStillComesFromTheInstallation() throws Exception {
        Run run = run(install.resolve("bin/patchbay"),
                Map.of("JAVA_HOME", fakeJavaHome.toString(), "PATCHBAY_HOME", "/srv/patchbay"), "config", "check");

        assertThat(run.lines()).contains("-Dpatchbay.home=/srv/patchbay", install.toRealPath() + "/lib/*");
    }

    @Test
    void theInstallationIsFoundThroughASymbolicLink() throws Exception {
        Path link = Files.createSymbolicLink(root.resolve("pb"), install.resolve("bin/patchbay"));

        Run run = run(link, Map.of("JAVA_HOME", fakeJavaHome.toString()));

        assertThat(run.lines()).contains("-Dpatchbay.home=" + install.toRealPath());
    }

    @Test
    void withoutJavaHomeTheJavaOnThePathIsUsed() throws Exception {
        Run run = run(install.resolve("bin/patchbay"),
                Map.of("PATH", fakeJavaHome.resolve("bin") + ":/usr/bin:/bin"), "--version");

        assertThat(run.exit()).isEqualTo(7);
        assertThat(run.lines()).endsWith("dev.patchbay.host.cli.Main", "--version");
    }

    @Test
    void aJavaHomeWithoutJavaIsReportedAndExitsTwo() throws Exception {
        Run run = run(install.resolve("bin/patchbay"), Map.of("JAVA_HOME", root.resolve("nowhere").toString()));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("JAVA_HOME is '" + root.resolve("nowhere") + "'")
                .contains("Java 17+");
    }

    @Test
    void anInstallationWithoutLibIsReportedAndExitsTwo() throws Exception {
        Files.delete(install.resolve("lib"));

        Run run = run(install.resolve("bin/patchbay"), Map.of("JAVA_HOME", fakeJavaHome.toString()));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no lib/ directory in " + install.toRealPath());
    }

    @Test
    void theBuiltDistributionRunsWhenPresent() throws Exception {
        assumeTrue(Files.isExecutable(DIST), "dist/ is built by `mvn -DskipTests package`; not present");
        String javaHome = System.getProperty("java.home");

        Run run = run(DIST.toAbsolutePath(), Map.of("JAVA_HOME", javaHome), "--version");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.lines()).contains("plugin api " + ApiVersion.current());
    }
}
