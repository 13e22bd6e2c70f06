package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * README's extension reference is generated from the shipped plugins' own settings descriptions; this test
 * fails when the two drift apart, and says how to regenerate the section.
 */
class ExtensionReferenceIT {

    private static final String BEGIN = "<!-- extension-reference:begin -->";
    private static final String END = "<!-- extension-reference:end -->";

    @Test
    void readmeExtensionReferenceMatchesTheShippedPlugins() throws IOException, InterruptedException {
        Path dist = Patchbay.dist();
        Path readme = Path.of(System.getProperty("patchbay.readme", "../README.md")).toAbsolutePath().normalize();
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("README.md has the line " + BEGIN).isNotNegative();
        assertThat(end).as("README.md has the line " + END + " after " + BEGIN).isGreaterThan(begin);

        Process process = new ProcessBuilder(dist.resolve("bin/patchbay").toString(), "plugins", "reference", "--start")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.getOutputStream().close();
        String generated = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();

        assertThat(generated).as("the shipped plugins describe at least the first-party extensions")
                .contains("`files/csv-source`", "`transforms/filter`", "`console/print`");
        assertThat(text.substring(begin + BEGIN.length(), end).strip())
                .as("README.md's extension reference is out of date; regenerate it with "
                        + "`mvn -q -DskipTests package && dist/bin/patchbay plugins reference --start --update README.md`")
                .isEqualTo(generated.strip());
    }
}
