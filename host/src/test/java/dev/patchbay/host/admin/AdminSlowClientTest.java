package dev.patchbay.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slow and silent clients are cut off by the request deadline ({@code sun.net.httpserver.maxReqTime}, 2 s in the
 * test JVM, see host/pom.xml) while the server keeps answering others.
 */
class AdminSlowClientTest {

    private static final Logger LOG = LoggerFactory.getLogger(AdminSlowClientTest.class);

    @TempDir
    Path home;

    /** The deadline plus the JDK's one-second check, plus slack for a loaded machine. */
    private static Duration cutOff() {
        return Duration.ofSeconds(JdkServerProperties.requestSeconds(System.getProperties()) + 3);
    }

    @Test
    void halfARequestLineAndThenNothingIsCutOffWhileOthersAreAnswered() throws Exception {
        try (TestAdmin admin = new TestAdmin(home, "127.0.0.1", new AdminLimits(2, 4, Duration.ZERO));
                RawHttp slow = new RawHttp(admin.server.port(), cutOff())) {
            long start = System.nanoTime();
            slow.send("GET /hea");

            assertThat(admin.get("/health").statusCode()).isEqualTo(200);
            String answer = slow.readUntilClosed();
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(answer).doesNotContain("200");
            assertThat(millis).isLessThan(cutOff().toMillis());
            LOG.info("half a request line was cut off after {} ms", millis);
            assertThat(admin.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void headersDrippedByteByByteAreCutOffAtTheDeadlineNotAtTheLastByte() throws Exception {
        try (TestAdmin admin = new TestAdmin(home);
                RawHttp slow = new RawHttp(admin.server.port(), cutOff())) {
            long start = System.nanoTime();
            slow.send("GET /health HTTP/1.1\r\nHost: x\r\n");
            long deadline = start + cutOff().toNanos();
            boolean cut = false;
            while (!cut && System.nanoTime() < deadline) {
                try {
                    slow.send("X-Drip-" + System.nanoTime() % 10 + ": y\r\n");
                    Thread.sleep(200); // The client's pace, not a wait for a condition.
                } catch (IOException e) {
                    cut = true;
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(cut).as("the server closed the dripping connection within %s", cutOff()).isTrue();
            LOG.info("a header drip was cut off after {} ms", millis);
            assertThat(admin.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBodyThatNeverArrivesIsCutOffAndItsRouteNeverRuns() throws Exception {
        try (TestAdmin admin = new TestAdmin(home);
                RawHttp slow = new RawHttp(admin.server.port(), cutOff())) {
            long start = System.nanoTime();
            slow.send("POST /pipelines/demo/pause HTTP/1.1\r\nHost: x\r\nAuthorization: " + admin.bearer()
                    + "\r\nContent-Length: 100\r\n\r\n{\"a\":");

            String answer = slow.readUntilClosed();
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(answer).doesNotContain("paused");
            assertThat(millis).isLessThan(cutOff().toMillis());
            LOG.info("a body that never arrived was cut off after {} ms", millis);
            assertThat(admin.get("/health").statusCode()).isEqualTo(200);
        }
    }
}
