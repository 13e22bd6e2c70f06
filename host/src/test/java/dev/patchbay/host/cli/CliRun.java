package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One run of the real {@link Main} in this JVM on a home: exit code, standard output and standard error. */
record CliRun(int exit, String out, String err) {

    /** Runs {@code patchbay ARGS} with {@code PATCHBAY_HOME} and the working directory set to the home. */
    static CliRun in(Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(Map.of("PATCHBAY_HOME", home.toString()), Optional.empty(), home,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                List.of()).run(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Standard output parsed as JSON, for {@code --json} commands. */
    JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out);
    }
}
