package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@link PluginConsole} with real Logback: what plugin code prints to {@code System.out} and
 * {@code System.err} is logged under the plugin's loggers, and everything else still reaches the
 * original streams, which closing the installation restores.
 */
@SuppressWarnings("try") // installations held in try-with-resources only for their close()
class PluginConsoleTest {

    private static final long DEADLINE_SECONDS = 30;

    @TempDir
    Path pluginsRoot;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            // Events read their thread name and MDC lazily; fix them on the logging thread, as encoders do.
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };
    private PrintStream savedOut;
    private PrintStream savedErr;
    private Logger pluginLogger;
    private PatchbayClassLoader loader;

    @BeforeEach
    void captureStreamsAndLogs() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(capturedOut);
        System.setErr(capturedErr);
        pluginLogger = (Logger) LoggerFactory.getLogger("plugin.alpha");
        appender.start();
        pluginLogger.addAppender(appender);
        pluginLogger.setLevel(Level.INFO);
        pluginLogger.setAdditive(false);
        loader = PluginLoaders.empty("alpha", pluginsRoot);
    }

    @AfterEach
    void restoreStreamsAndLogs() throws IOException {
        System.setOut(savedOut);
        System.setErr(savedErr);
        pluginLogger.detachAppender(appender);
        pluginLogger.setLevel(null);
        pluginLogger.setAdditive(true);
        loader.close();
    }

    @Test
    void installingReplacesBothStreamsAndClosingPutsTheOriginalsBackOnce() {
        PluginConsole.Installation console = PluginConsole.install();
        assertThat(System.out).isNotSameAs(capturedOut);
        assertThat(System.err).isNotSameAs(capturedErr);

        console.close();
        assertThat(System.out).isSameAs(capturedOut);
        assertThat(System.err).isSameAs(capturedErr);

        PrintStream later = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        System.setOut(later);
        console.close();
        assertThat(System.out).as("a second close changes nothing").isSameAs(later);
    }

    @Test
    void pluginPrintsAreLoggedOnThePluginsStdoutAndStderrLoggersWithPluginAndStage() throws Exception {
        try (PluginConsole.Installation ignored = PluginConsole.install()) {
            inPluginCode("demo/processors[0]", () -> {
                System.out.println("to stdout");
                System.err.println("to stderr");
            });
        }

        assertThat(appender.list).hasSize(2);
        ILoggingEvent stdout = appender.list.get(0);
        assertThat(stdout.getLoggerName()).isEqualTo("plugin.alpha.stdout");
        assertThat(stdout.getLevel()).isEqualTo(Level.INFO);
        assertThat(stdout.getFormattedMessage()).isEqualTo("to stdout");
        assertThat(stdout.getThreadName()).isEqualTo("console-test-plugin-code");
        assertThat(stdout.getMDCPropertyMap()).isEqualTo(Map.of("plugin", "alpha", "stage", "demo/processors[0]"));
        ILoggingEvent stderr = appender.list.get(1);
        assertThat(stderr.getLoggerName()).isEqualTo("plugin.alpha.stderr");
        assertThat(stderr.getLevel()).isEqualTo(Level.WARN);
        assertThat(stderr.getFormattedMessage()).isEqualTo("to stderr");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aThreadThePluginStartsIsRoutedByItsInheritedLoaderAndItsMdcIsLeftEmpty() throws Exception {
        AtomicReference<Map<String, String>> mdcAfter = new AtomicReference<>();
        try (PluginConsole.Installation ignored = PluginConsole.install()) {
            inPluginCode("demo/source", () -> {
                Thread worker = new Thread(() -> {
                    System.out.println("from the worker {}");
                    mdcAfter.set(MDC.getCopyOfContextMap());
                }, "alpha-worker");
                worker.start();
                join(worker);
            });
        }

        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLoggerName()).isEqualTo("plugin.alpha.stdout");
            assertThat(event.getFormattedMessage()).isEqualTo("from the worker {}");
            assertThat(event.getThreadName()).isEqualTo("alpha-worker");
            assertThat(event.getMDCPropertyMap()).isEqualTo(Map.of("plugin", "alpha"));
        });
        assertThat(mdcAfter.get()).as("the worker's MDC after printing").isNullOrEmpty();
    }

    @Test
    void hostPrintsReachTheOriginalStreamsUnchanged() {
        try (PluginConsole.Installation ignored = PluginConsole.install()) {
            System.out.println("{\"host\": \"json\"}");
            System.err.print("host message");
            System.err.flush();
        }

        assertThat(appender.list).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"host\": \"json\"}" + System.lineSeparator());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("host message");
    }

    @Test
    void aPluginClosingSystemOutDoesNotCloseTheHostsStdout() throws Exception {
        try (PluginConsole.Installation ignored = PluginConsole.install()) {
            inPluginCode("demo/sink", () -> {
                System.out.print("bye");
                System.out.close();
            });
            System.out.println("host still writes");
        }

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("bye");
        assertThat(capturedOut.checkError()).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("host still writes" + System.lineSeparator());
    }

    @Test
    void closingTheInstallationLogsWhatPluginCodeLeftWithoutANewline() throws Exception {
        PluginConsole.Installation console = PluginConsole.install();
        inPluginCode("demo/sink", () -> {
            System.out.print("no newline");
            System.err.print("nor here");
        });
        assertThat(appender.list).isEmpty();

        console.close();

        assertThat(appender.list).extracting(ILoggingEvent::getLoggerName, ILoggingEvent::getFormattedMessage)
                .containsExactlyInAnyOrder(Tuple.tuple("plugin.alpha.stdout", "no newline"),
                        Tuple.tuple("plugin.alpha.stderr", "nor here"));
        assertThat(appender.list).allSatisfy(event -> assertThat(event.getMDCPropertyMap())
                .isEqualTo(Map.of("plugin", "alpha", "stage", "demo/sink")));
        assertThat(MDC.getCopyOfContextMap()).as("the closing thread's MDC").isNullOrEmpty();
    }

    /** Runs the code as a stage's call into plugin alpha does, on a fresh thread, with a deadline. */
    private void inPluginCode(String stage, Runnable code) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Map<String, String>> mdcAfter = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            MDC.put(PluginLoggers.MDC_STAGE, stage);
            PluginScope.Entered entered = new PluginScope("alpha", loader).enter();
            try {
                code.run();
                mdcAfter.set(MDC.getCopyOfContextMap());
            } catch (RuntimeException | Error e) {
                failure.set(e);
            } finally {
                entered.close();
            }
        }, "console-test-plugin-code");
        thread.start();
        join(thread);
        if (failure.get() != null) {
            throw new AssertionError("plugin code failed", failure.get());
        }
        assertThat(mdcAfter.get()).as("the plugin thread's MDC after printing")
                .isEqualTo(Map.of("plugin", "alpha", "stage", stage));
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + thread.getName(), e);
        }
        assertThat(thread.isAlive()).as("%s finished within %ss", thread.getName(), DEADLINE_SECONDS).isFalse();
    }
}
