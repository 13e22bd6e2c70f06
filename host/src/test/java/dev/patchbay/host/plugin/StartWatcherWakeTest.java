package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The start watcher is woken once per level, by the end of its last attempt, not by every begin and end. */
class StartWatcherWakeTest {

    @ParameterizedTest(name = "{0} attempts")
    @ValueSource(ints = {1, 2, 2000})
    void onlyTheLastEndWakesTheWatcher(int size) {
        AtomicInteger wakes = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        List<PluginStarter.EndSignal> signals = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            signals.add(new PluginStarter.EndSignal(ended, size, wakes::incrementAndGet));
        }
        signals.forEach(Runnable::run); // every attempt begins
        assertThat(wakes).as("a begin never wakes the watcher").hasValue(0);
        for (int i = 0; i < size - 1; i++) {
            signals.get(i).run();
        }
        assertThat(wakes).as("ends before the last one").hasValue(0);
        signals.get(size - 1).run();
        assertThat(wakes).hasValue(1);
    }

    @ParameterizedTest(name = "{0} attempts, the first abandoned")
    @ValueSource(ints = {2, 5})
    void anAttemptTheWatcherAbandonedCountsAsEnded(int size) {
        AtomicInteger wakes = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        List<PluginStarter.EndSignal> signals = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            signals.add(new PluginStarter.EndSignal(ended, size, wakes::incrementAndGet));
            signals.get(i).run();
        }
        ended.incrementAndGet(); // the watcher abandons the first attempt, whose thread stays inside the plugin
        for (int i = 1; i < size; i++) {
            signals.get(i).run();
        }
        assertThat(wakes).as("the last of the others wakes it").hasValue(1);
        signals.get(0).run(); // the abandoned attempt ends late
        assertThat(wakes).as("a late end is one extra wake-up, harmless").hasValue(2);
    }
}
