package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.patchbay.host.plugin.MdcSlot;
import dev.patchbay.host.plugin.PluginScope;
import dev.patchbay.host.testing.AllocatedBytes;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** What a {@link StageGuard} sets around one call (loader, MDC plugin and stage) and what it leaves after. */
class StageGuardTest {

    private final ClassLoader hostLoader = Thread.currentThread().getContextClassLoader();
    private final URLClassLoader filesLoader = new URLClassLoader("files", new URL[0], hostLoader);
    private final URLClassLoader geoLoader = new URLClassLoader("geo", new URL[0], hostLoader);
    private final StageGuard first = new StageGuard("demo", "processors[0]", "files/filter",
            new PluginScope("files", filesLoader));
    private final StageGuard second = new StageGuard("demo", "processors[1]", "geo/lookup",
            new PluginScope("geo", geoLoader));
    private final Logger logback = (Logger) LoggerFactory.getLogger("com.example");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final org.slf4j.Logger pluginLog = LoggerFactory.getLogger("com.example.plugin");
    private final org.slf4j.Logger hostLog = LoggerFactory.getLogger("com.example.host");

    @BeforeEach
    void captureLogs() {
        appender.start();
        logback.addAppender(appender);
        logback.setLevel(Level.INFO);
    }

    @AfterEach
    void restoreThread() throws Exception {
        logback.detachAppender(appender);
        logback.setLevel(null);
        Thread.currentThread().setContextClassLoader(hostLoader);
        MDC.clear();
        filesLoader.close();
        geoLoader.close();
    }

    private void call(StageGuard guard, Runnable body) {
        StageGuard.Entered entered = guard.enter();
        try {
            body.run();
        } finally {
            guard.exit(entered);
        }
    }

    private static Map<String, String> mdcOf(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        return Map.of("plugin", String.valueOf(mdc.get(PluginScope.MDC_PLUGIN)),
                "stage", String.valueOf(mdc.get(StageGuard.MDC_STAGE)));
    }

    @Test
    void insideACallTheLoaderAndMdcAreTheStagesAndAfterItTheThreadCarriesNoPluginOrStage() {
        String[] seen = new String[3];

        call(first, () -> {
            seen[0] = Thread.currentThread().getContextClassLoader().getName();
            seen[1] = MDC.get(PluginScope.MDC_PLUGIN);
            seen[2] = MDC.get(StageGuard.MDC_STAGE);
        });

        assertThat(seen).containsExactly("files", "files", "demo/processors[0]");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(hostLoader);
        assertThat(MDC.get(PluginScope.MDC_PLUGIN)).isEqualTo(MdcSlot.VACANT);
        assertThat(MDC.get(StageGuard.MDC_STAGE)).isEqualTo(MdcSlot.VACANT);
    }

    @Test
    void onAThreadThatCallsTwoPluginsInTurnEachLineCarriesTheRightPluginOrNone() {
        for (int chunk = 0; chunk < 2; chunk++) {
            call(first, () -> pluginLog.info("files processing"));
            hostLog.info("host between the two processors");
            call(second, () -> pluginLog.info("geo processing"));
            hostLog.info("host handing the chunk on");
        }

        assertThat(appender.list).hasSize(8);
        assertThat(appender.list).filteredOn(e -> e.getFormattedMessage().startsWith("files"))
                .allSatisfy(e -> assertThat(mdcOf(e)).isEqualTo(Map.of("plugin", "files", "stage",
                        "demo/processors[0]")));
        assertThat(appender.list).filteredOn(e -> e.getFormattedMessage().startsWith("geo"))
                .allSatisfy(e -> assertThat(mdcOf(e)).isEqualTo(Map.of("plugin", "geo", "stage",
                        "demo/processors[1]")));
        assertThat(appender.list).filteredOn(e -> e.getFormattedMessage().startsWith("host")).hasSize(4)
                .allSatisfy(e -> assertThat(mdcOf(e)).as(e.getFormattedMessage())
                        .isEqualTo(Map.of("plugin", MdcSlot.VACANT, "stage", MdcSlot.VACANT)));
    }

    @Test
    void aCallNestedInAnotherStagesCallRestoresTheOuterStageAndPlugin() {
        String[] between = new String[3];

        call(first, () -> {
            call(second, () -> pluginLog.info("geo, nested"));
            between[0] = Thread.currentThread().getContextClassLoader().getName();
            between[1] = MDC.get(PluginScope.MDC_PLUGIN);
            between[2] = MDC.get(StageGuard.MDC_STAGE);
        });

        assertThat(mdcOf(appender.list.get(0))).isEqualTo(Map.of("plugin", "geo", "stage", "demo/processors[1]"));
        assertThat(between).containsExactly("files", "files", "demo/processors[0]");
        assertThat(MDC.get(PluginScope.MDC_PLUGIN)).isEqualTo(MdcSlot.VACANT);
    }

    @Test
    void anOuterStageAndPluginSetByTheHostComeBackAfterTheCall() {
        MDC.put(PluginScope.MDC_PLUGIN, "host-set");
        MDC.put(StageGuard.MDC_STAGE, "demo/processors[0]");

        call(first, () -> pluginLog.info("files processing"));

        assertThat(mdcOf(appender.list.get(0))).isEqualTo(Map.of("plugin", "files", "stage", "demo/processors[0]"));
        assertThat(MDC.get(PluginScope.MDC_PLUGIN)).isEqualTo("host-set");
        assertThat(MDC.get(StageGuard.MDC_STAGE)).isEqualTo("demo/processors[0]");
    }

    @Test
    void whenThePluginThrowsTheThreadIsRestoredAndTheGuardWorksForTheNextCall() {
        assertThatThrownBy(() -> call(first, () -> {
            MDC.put(StageGuard.MDC_STAGE, "set by the plugin");
            throw new IllegalArgumentException("bad record");
        })).hasMessage("bad record");

        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(hostLoader);
        assertThat(List.of(MDC.get(PluginScope.MDC_PLUGIN), MDC.get(StageGuard.MDC_STAGE)))
                .containsOnly(MdcSlot.VACANT);
        call(first, () -> pluginLog.info("files again"));
        assertThat(mdcOf(appender.list.get(0))).isEqualTo(Map.of("plugin", "files", "stage", "demo/processors[0]"));
    }

    @Test
    void repeatedCallsAllocateNothing() {
        double bytes = AllocatedBytes.perRun(20_000, 100_000, () -> {
            first.exit(first.enter());
            second.exit(second.enter());
        });

        // Before issue 8: two handles and two MDC map nodes per call, 88 bytes.
        assertThat(bytes).isLessThan(1.0);
    }

    @Test
    void exitingWithAnotherGuardsHandleOrEnteringTwiceIsRefused() {
        StageGuard.Entered entered = first.enter();

        assertThatThrownBy(() -> second.exit(entered)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stage demo/processors[1] (plugin 'geo') was asked to exit with another guard's handle; "
                        + "pass the handle its own enter() returned");
        assertThatThrownBy(first::enter).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("PluginScope.Entry of plugin 'files' is already entered");
        first.exit(entered);
        assertThat(MDC.get(StageGuard.MDC_STAGE)).isEqualTo(MdcSlot.VACANT);
    }
}
