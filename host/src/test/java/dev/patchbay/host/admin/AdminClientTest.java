package dev.patchbay.host.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.config.AdminSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client finds a running host through the port file and the token file, and says when there is none. */
class AdminClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path home;

    @Test
    void itReadsAndWritesWithTheTokenAndParsesTheAnswers() throws Exception {
        try (TestAdmin admin = new TestAdmin(home)) {
            AdminClient client = client("127.0.0.1");
            assertThat(admin.server.loopback()).isTrue();

            AdminReply health = client.get("/health");
            AdminReply paused = client.post("/pipelines/demo/pause",
                    Optional.of(new ObjectMapper().readTree("{\"reason\": \"test\"}")));
            AdminReply missing = client.get("/pipelines/demp");

            assertThat(health.ok()).isTrue();
            assertThat(health.body().get("status").asText()).isEqualTo("up");
            assertThat(paused.status()).isEqualTo(200);
            assertThat(paused.body().get("body").asBoolean()).isTrue();
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.ok()).isFalse();
            assertThat(missing.body().get("closeMatches").get(0).asText()).isEqualTo("demo");
        }
    }

    @Test
    void aHostOnEveryInterfaceIsReachedOnLoopbackWithTheToken() throws Exception {
        try (TestAdmin admin = new TestAdmin(home, "0.0.0.0", TestAdmin.QUICK_STOP)) {
            assertThat(admin.server.loopback()).isFalse();
            assertThat(client("0.0.0.0").get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void withoutThePortFileNoHostIsRunning() {
        Path state = home.resolve("state");

        assertThatThrownBy(() -> client("127.0.0.1").get("/health")).isInstanceOf(NoHostRunningException.class)
                .hasMessage("no Patchbay host is running on " + home + " (no " + state.resolve("admin.port")
                        + "); start one with patchbay serve");
    }

    @Test
    void aPortFileLeftByAHostThatIsGoneMeansNoHostIsRunning() throws Exception {
        TestAdmin admin = new TestAdmin(home);
        int port = admin.server.port();
        admin.close();
        Files.writeString(home.resolve("state/admin.port"), port + "\n");

        assertThatThrownBy(() -> client("127.0.0.1").get("/health")).isInstanceOf(NoHostRunningException.class)
                .hasMessageStartingWith("no Patchbay host is running on " + home)
                .hasMessageContaining("nothing listens on port " + port)
                .hasMessageEndingWith("start one with patchbay serve");
    }

    @Test
    void aMissingTokenFileIsNamed() throws Exception {
        try (TestAdmin admin = new TestAdmin(home)) {
            Files.delete(admin.state.resolve("admin.token"));

            assertThatThrownBy(() -> client("127.0.0.1").get("/health")).isInstanceOf(IOException.class)
                    .hasMessageContaining(home.resolve("state/admin.token").toString())
                    .hasMessageContaining("admin.tokenFile");
        }
    }

    @Test
    void aPortFileThatIsNotAPortIsNamed() throws Exception {
        Files.createDirectories(home.resolve("state"));
        Files.writeString(home.resolve("state/admin.port"), "eighty\n");

        assertThatThrownBy(() -> client("127.0.0.1").get("/health")).isInstanceOf(IOException.class)
                .hasMessageContaining("holds 'eighty'");
    }

    private AdminClient client(String host) {
        return new AdminClient(home, new AdminSettings(host, 0, home.resolve("state/admin.token")),
                home.resolve("state"), TIMEOUT, TIMEOUT);
    }
}
