package dev.patchbay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Position;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TestContextTest {

    @Test
    void defaultsNameATestPluginAndUseTheWorkingDirectory() {
        TestContext context = TestContext.builder().build();

        assertThat(context.pluginId()).isEqualTo("test-plugin");
        assertThat(context.extensionName()).isEqualTo("test-extension");
        assertThat(context.stageId()).isEqualTo("test/test-extension");
        assertThat(context.baseDirectory()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(context.resumeFrom()).isEmpty();
        assertThat(context.logger().getName()).isEqualTo("plugin.test-plugin");
    }

    @Test
    void everyValueCanBeSetAndTheBaseDirectoryIsMadeAbsolute() {
        TestContext context = TestContext.builder().pluginId("files").extensionName("csv-source")
                .stageId("demo/source").baseDirectory(Path.of("data")).resumeFrom(new Position("line=3")).build();

        assertThat(context.use()).isEqualTo("files/csv-source");
        assertThat(context.stageId()).isEqualTo("demo/source");
        assertThat(context.baseDirectory()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(context.resumeFrom()).contains(new Position("line=3"));
        assertThat(context.toBuilder().build().use()).isEqualTo("files/csv-source");
    }

    @Test
    void theLoggerRecordsEveryLineWithItsLevelAndFormattedParameters() {
        TestContext context = TestContext.builder().build();

        context.logger().log(System.Logger.Level.WARNING, "skipped line {0} of {1}", 3, "a.csv");
        context.logger().log(System.Logger.Level.INFO, () -> "supplied");
        context.logger().log(System.Logger.Level.ERROR, "failed", new IllegalStateException("x"));

        assertThat(context.logLines()).containsExactly("WARNING skipped line 3 of a.csv", "INFO supplied",
                "ERROR failed");
    }

    @Test
    void aResumingCopyKeepsEverythingElseAndSharesTheLog() {
        TestContext context = TestContext.builder().extensionName("csv-source").build();
        TestContext resumed = context.resumingFrom(new Position("line=9"));

        resumed.logger().log(System.Logger.Level.INFO, "resumed");

        assertThat(resumed.resumeFrom()).contains(new Position("line=9"));
        assertThat(context.resumeFrom()).isEmpty();
        assertThat(resumed.use()).isEqualTo(context.use());
        assertThat(context.logLines()).containsExactly("INFO resumed");
    }

    @Test
    void keepsTheLastStatusValueByNameAndChecksNamesAsTheHostDoes() {
        TestContext context = TestContext.builder().build();

        context.status("partitions", "orders:0");
        context.status("partitions", "orders:0,orders:3");

        assertThat(context.statuses()).containsExactly(java.util.Map.entry("partitions", "orders:0,orders:3"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.status("Held", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Held'");
    }

    @Test
    void committedIsTheLastCommitOrElseTheResumePosition() {
        TestContext context = TestContext.builder().resumeFrom(new Position("a:0=1")).build();

        assertThat(context.committed()).contains(new Position("a:0=1"));
        context.commit(new Position("a:0=7"));
        assertThat(context.committed()).contains(new Position("a:0=7"));
    }

    @Test
    void flushCountsRunsTheStandInForTheHostAndReturnsWhatIsCommitted() {
        TestContext context = TestContext.builder().build();

        assertThat(context.flush()).isEmpty();
        context.onFlush(() -> context.commit(new Position("a:0=9")));

        assertThat(context.flush()).contains(new Position("a:0=9"));
        assertThat(context.flushes()).isEqualTo(2);
    }
}
