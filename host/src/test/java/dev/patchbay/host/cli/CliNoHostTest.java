package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.admin.AdminToken;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that talks to a running host exits 3 with "no Patchbay host is running on ..." when none runs:
 * when there is no {@code state/admin.port}, and when it names a port where nothing listens (a host that died).
 */
class CliNoHostTest {

    @TempDir
    Path home;

    static Stream<Arguments> commands() {
        return Stream.of(new String[] {"status"}, new String[] {"status", "--json"},
                new String[] {"pipelines", "pause", "flow"}, new String[] {"pipelines", "resume", "flow"},
                new String[] {"pipelines", "restart", "flow"}, new String[] {"pipelines", "stop", "flow"},
                new String[] {"shutdown"})
                .flatMap(args -> Stream.of(Arguments.of("no port file", args), Arguments.of("stale port file", args),
                        Arguments.of("stale port file, no token file", args)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("commands")
    void exits3WhenNoHostRuns(String left, String[] args) throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/patchbay.json"), "{" + CliHostTest.ADMIN + ", \"pipelines\": {}}",
                StandardCharsets.UTF_8);
        String expected = "no Patchbay host is running on " + home + " (no " + home.resolve("state/admin.port");
        if (left.startsWith("stale port file")) {
            int port;
            // A port that was free a moment ago: nothing listens on it once the socket is closed.
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            if (!left.endsWith("no token file")) {
                AdminToken.loadOrCreate(home.resolve("state/admin.token"), new SecureRandom());
            }
            Files.createDirectories(home.resolve("state"));
            Files.writeString(home.resolve("state/admin.port"), port + "\n", StandardCharsets.US_ASCII);
            expected = "no Patchbay host is running on " + home + " (nothing listens on port " + port;
        }

        CliRun run = CliRun.in(home, args);

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.NO_HOST);
        assertThat(run.err()).startsWith(expected).endsWith("start one with patchbay serve\n");
        assertThat(run.out()).isEmpty();
    }
}
