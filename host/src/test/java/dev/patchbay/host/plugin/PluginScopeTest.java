package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.patchbay.host.testing.AllocatedBytes;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The calling context a {@link PluginScope} sets: the context class loader and MDC {@code plugin}, through the
 * allocating {@link PluginScope#enter()} and through the reusable {@link PluginScope.Entry}.
 */
@SuppressWarnings("try") // scope handles held in try-with-resources only for their close()
class PluginScopeTest {

    private final ClassLoader hostLoader = Thread.currentThread().getContextClassLoader();
    private final URLClassLoader alphaLoader = new URLClassLoader("alpha", new URL[0], hostLoader);
    private final URLClassLoader betaLoader = new URLClassLoader("beta", new URL[0], hostLoader);
    private final PluginScope alpha = new PluginScope("alpha", alphaLoader);
    private final PluginScope beta = new PluginScope("beta", betaLoader);
    private final Logger logback = (Logger) LoggerFactory.getLogger("com.example.plugin");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

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
        alphaLoader.close();
        betaLoader.close();
    }

    private static String plugin() {
        return MDC.get(PluginScope.MDC_PLUGIN);
    }

    private static ClassLoader loader() {
        return Thread.currentThread().getContextClassLoader();
    }

    static Stream<Arguments> outerPlugin() {
        return Stream.of(Arguments.of("no plugin", null), Arguments.of("another plugin", "outer"),
                Arguments.of("the same plugin", "alpha"));
    }

    @ParameterizedTest(name = "enter() under {0}")
    @MethodSource("outerPlugin")
    void enterSetsTheContextAndCloseRestoresExactlyWhatWasThere(String what, String outer) {
        if (outer != null) {
            MDC.put(PluginScope.MDC_PLUGIN, outer);
        }

        try (PluginScope.Entered ignored = alpha.enter()) {
            assertThat(loader()).isSameAs(alphaLoader);
            assertThat(plugin()).isEqualTo("alpha");
        }

        assertThat(loader()).isSameAs(hostLoader);
        assertThat(plugin()).isEqualTo(outer);
    }

    @ParameterizedTest(name = "an Entry under {0}")
    @MethodSource("outerPlugin")
    void anEntrySetsTheContextAndExitPutsBackTheOuterPlugin(String what, String outer) {
        if (outer != null) {
            MDC.put(PluginScope.MDC_PLUGIN, outer);
        }
        PluginScope.Entry entry = alpha.entry();

        entry.enter();
        ClassLoader inside = loader();
        String insidePlugin = plugin();
        entry.exit();

        assertThat(inside).isSameAs(alphaLoader);
        assertThat(insidePlugin).isEqualTo("alpha");
        assertThat(loader()).isSameAs(hostLoader);
        assertThat(plugin()).isEqualTo(outer == null ? MdcSlot.VACANT : outer);
    }

    @Test
    void aLineThePluginLogsCarriesItsIdAndALineLoggedAfterTheCallCarriesNone() {
        PluginScope.Entry entry = alpha.entry();
        org.slf4j.Logger log = LoggerFactory.getLogger("com.example.plugin");

        for (int call = 0; call < 3; call++) {
            entry.enter();
            try {
                log.info("inside call {}", call);
            } finally {
                entry.exit();
            }
            log.info("host, after call {}", call);
        }

        assertThat(appender.list).hasSize(6).allSatisfy(event -> {
            String expected = event.getFormattedMessage().startsWith("inside") ? "alpha" : MdcSlot.VACANT;
            assertThat(event.getMDCPropertyMap().get(PluginScope.MDC_PLUGIN))
                    .as("plugin of \"%s\"", event.getFormattedMessage()).isEqualTo(expected);
        });
    }

    @Test
    void entriesOfTwoPluginsNestAndEachExitRestoresTheLevelAbove() {
        PluginScope.Entry outer = alpha.entry();
        PluginScope.Entry inner = beta.entry();

        outer.enter();
        inner.enter();
        assertThat(loader()).isSameAs(betaLoader);
        assertThat(plugin()).isEqualTo("beta");
        inner.exit();
        assertThat(loader()).isSameAs(alphaLoader);
        assertThat(plugin()).isEqualTo("alpha");
        outer.exit();

        assertThat(loader()).isSameAs(hostLoader);
        assertThat(plugin()).isEqualTo(MdcSlot.VACANT);
    }

    @Test
    void anEntryAndTheAllocatingEnterNestEitherWay() {
        PluginScope.Entry entry = alpha.entry();

        entry.enter();
        try (PluginScope.Entered ignored = beta.enter()) {
            assertThat(plugin()).isEqualTo("beta");
            assertThat(loader()).isSameAs(betaLoader);
        }
        assertThat(plugin()).isEqualTo("alpha");
        assertThat(loader()).isSameAs(alphaLoader);
        entry.exit();

        try (PluginScope.Entered ignored = beta.enter()) {
            entry.enter();
            assertThat(plugin()).isEqualTo("alpha");
            entry.exit();
            assertThat(plugin()).isEqualTo("beta");
            assertThat(loader()).isSameAs(betaLoader);
        }
        assertThat(plugin()).isEqualTo(MdcSlot.VACANT);
        assertThat(loader()).isSameAs(hostLoader);
    }

    @Test
    void whenThePluginThrowsTheExitInFinallyRestoresTheContextAndTheEntryCanBeUsedAgain() {
        PluginScope.Entry entry = alpha.entry();
        MDC.put(PluginScope.MDC_PLUGIN, "outer");

        assertThatThrownBy(() -> {
            entry.enter();
            try {
                MDC.put(PluginScope.MDC_PLUGIN, "overwritten by the plugin");
                Thread.currentThread().setContextClassLoader(betaLoader);
                throw new IllegalStateException("plugin failure");
            } finally {
                entry.exit();
            }
        }).hasMessage("plugin failure");

        assertThat(loader()).isSameAs(hostLoader);
        assertThat(plugin()).isEqualTo("outer");
        entry.enter();
        assertThat(plugin()).isEqualTo("alpha");
        entry.exit();
        assertThat(plugin()).isEqualTo("outer");
    }

    @Test
    void theAllocatingEnterAlsoRestoresAfterAThrow() {
        assertThatThrownBy(() -> {
            try (PluginScope.Entered ignored = alpha.enter()) {
                throw new IllegalStateException("plugin failure");
            }
        }).hasMessage("plugin failure");

        assertThat(loader()).isSameAs(hostLoader);
        assertThat(plugin()).isNull();
    }

    @Test
    void repeatedCallsThroughAnEntryAllocateNothing() {
        PluginScope.Entry entry = alpha.entry();

        double bytes = AllocatedBytes.perRun(20_000, 100_000, () -> {
            entry.enter();
            entry.exit();
        });

        // enter() allocates its handle, and a remove then put of MDC "plugin" a 32-byte map node, every call.
        assertThat(bytes).isLessThan(1.0);
    }

    @Test
    void misuseOfAnEntryIsRefusedNamingThePluginAndTheFix() throws Exception {
        PluginScope.Entry entry = alpha.entry();
        String self = Thread.currentThread().getName();

        assertThatThrownBy(entry::exit).isInstanceOf(IllegalStateException.class)
                .hasMessage("PluginScope.Entry of plugin 'alpha' was not entered; call enter() before exit()");
        entry.enter();
        assertThatThrownBy(entry::enter).isInstanceOf(IllegalStateException.class)
                .hasMessage("PluginScope.Entry of plugin 'alpha' is already entered on thread '" + self
                        + "'; an Entry serves one call at a time: exit() first, or take another Entry from entry() "
                        + "for a nested call");
        CompletableFuture<Throwable> elsewhere = new CompletableFuture<>();
        Thread other = new Thread(() -> {
            try {
                entry.exit();
                elsewhere.complete(null);
            } catch (Throwable e) {
                elsewhere.complete(e);
            }
        }, "scope-test-other");
        other.start();
        assertThat(elsewhere.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessage("PluginScope.Entry of plugin 'alpha' was entered on thread '" + self
                        + "' but exit() ran on thread 'scope-test-other'; an Entry is confined to the thread that "
                        + "enters it");
        other.join(TimeUnit.SECONDS.toMillis(10));
        entry.exit();
        assertThat(plugin()).isEqualTo(MdcSlot.VACANT);
    }
}
