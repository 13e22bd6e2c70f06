package dev.patchbay.host.pipeline;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Fields;
import dev.patchbay.api.Position;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceContext;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.plugin.PluginScope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/** Test extensions whose behaviour the tests steer and observe through the factory objects. */
final class TestStages {

    private TestStages() {
    }

    /** Where in plugin code a test makes a stage throw. */
    enum Hook { CREATE, POLL, PROCESS, WRITE, FLUSH, CLOSE }

    /** What a hook throws. */
    @FunctionalInterface
    interface Thrower {
        void fire();
    }

    /** Records, per hook, which context class loader and MDC the plugin code saw. */
    static final class Probe {
        final Map<Hook, ClassLoader> loaders = new ConcurrentHashMap<>();
        final Map<Hook, String> mdcPlugin = new ConcurrentHashMap<>();
        final Map<Hook, String> mdcStage = new ConcurrentHashMap<>();
        final Map<Hook, String> threads = new ConcurrentHashMap<>();
        volatile Hook failAt;
        volatile Thrower thrower;

        void at(Hook hook) {
            loaders.putIfAbsent(hook, Thread.currentThread().getContextClassLoader());
            String plugin = MDC.get(PluginScope.MDC_PLUGIN);
            if (plugin != null) {
                mdcPlugin.putIfAbsent(hook, plugin);
            }
            String stage = MDC.get(StageGuard.MDC_STAGE);
            if (stage != null) {
                mdcStage.putIfAbsent(hook, stage);
            }
            threads.putIfAbsent(hook, Thread.currentThread().getName());
            if (failAt == hook && thrower != null) {
                thrower.fire();
            }
        }
    }

    /**
     * Emits {"n": i} for i from the resume position up to {@code count}, {@code perPoll} at a time; then
     * END, or IDLE forever when continuous. Its position is the next i.
     */
    @Extension(name = "numbers", description = "Counts.")
    public static final class NumbersFactory implements SourceFactory {
        final Probe probe = new Probe();
        final List<Optional<Position>> resumedFrom = new CopyOnWriteArrayList<>();
        final AtomicInteger polls = new AtomicInteger();

        @Override
        public List<Setting> settings() {
            return List.of(Setting.required("count", SettingType.LONG, "How many records."),
                    Setting.optional("perPoll", SettingType.LONG, "Records per poll.").withDefault(100L),
                    Setting.optional("continuous", SettingType.BOOLEAN, "IDLE instead of END.").withDefault(false));
        }

        @Override
        public Source create(Settings settings, SourceContext context) {
            probe.at(Hook.CREATE);
            resumedFrom.add(context.resumeFrom());
            long count = settings.getLong("count");
            long perPoll = settings.getLong("perPoll");
            boolean continuous = settings.getBoolean("continuous");
            long start = context.resumeFrom().map(p -> Long.parseLong(p.value())).orElse(0L);
            Fields fields = Fields.of("n");
            return new Source() {
                private long next = start;

                @Override
                public Poll poll(Emitter out) {
                    probe.at(Hook.POLL);
                    polls.incrementAndGet();
                    if (next >= count) {
                        return continuous ? Poll.IDLE : Poll.END;
                    }
                    long end = Math.min(count, next + perPoll);
                    for (; next < end; next++) {
                        out.emit(fields.record(next));
                    }
                    return Poll.MORE;
                }

                @Override
                public Position position() {
                    return new Position(Long.toString(next));
                }

                @Override
                public void close() {
                    probe.at(Hook.CLOSE);
                }
            };
        }
    }

    /** Passes on records whose n is even. */
    @Extension(name = "keep-even")
    public static final class KeepEvenFactory implements ProcessorFactory {
        final Probe probe = new Probe();

        @Override
        public List<Setting> settings() {
            return List.of();
        }

        @Override
        public Processor create(Settings settings, ExtensionContext context) {
            probe.at(Hook.CREATE);
            return new Processor() {
                @Override
                public void process(Row record, Emitter out) {
                    probe.at(Hook.PROCESS);
                    if (((Long) record.get("n")) % 2 == 0) {
                        out.emit(record);
                    }
                }

                @Override
                public void close() {
                    probe.at(Hook.CLOSE);
                }
            };
        }
    }

    /** Emits each record twice, the second time with {"copy": true}. */
    @Extension(name = "twice")
    public static final class TwiceFactory implements ProcessorFactory {
        @Override
        public List<Setting> settings() {
            return List.of();
        }

        @Override
        public Processor create(Settings settings, ExtensionContext context) {
            return (record, out) -> {
                out.emit(record);
                out.emit(record.with("copy", true));
            };
        }
    }

    /**
     * Keeps what was written in memory: {@link #durable} holds what was flushed, so a "crash" (a failed
     * write) loses only what was written and not flushed. A gate makes it slow on demand.
     */
    @Extension(name = "memory")
    public static final class MemorySinkFactory implements SinkFactory {
        final Probe probe = new Probe();
        final List<Row> durable;
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger flushes = new AtomicInteger();
        /** Records written, flushed or not. */
        final AtomicInteger written = new AtomicInteger();
        volatile Semaphore gate;
        volatile int failOnWrite = -1;
        /** Like a file in the page cache after kill -9: written records survive even without a flush. */
        volatile boolean persistOnWrite;

        MemorySinkFactory() {
            this(java.util.Collections.synchronizedList(new ArrayList<>()));
        }

        MemorySinkFactory(List<Row> durable) {
            this.durable = durable;
        }

        @Override
        public List<Setting> settings() {
            return List.of();
        }

        @Override
        public Sink create(Settings settings, ExtensionContext context) {
            probe.at(Hook.CREATE);
            return new Sink() {
                private final List<Row> unflushed = new ArrayList<>();

                @Override
                public void write(List<Row> batch) throws IOException {
                    probe.at(Hook.WRITE);
                    Semaphore current = gate;
                    if (current != null) {
                        current.acquireUninterruptibly();
                    }
                    int number = writes.incrementAndGet();
                    if (persistOnWrite) {
                        durable.addAll(batch);
                    }
                    if (number == failOnWrite) {
                        throw new IOException("disk full on write " + number);
                    }
                    batchSizes.add(batch.size());
                    written.addAndGet(batch.size());
                    if (!persistOnWrite) {
                        unflushed.addAll(batch);
                    }
                }

                @Override
                public void flush() {
                    probe.at(Hook.FLUSH);
                    flushes.incrementAndGet();
                    durable.addAll(unflushed);
                    unflushed.clear();
                }

                @Override
                public void close() {
                    probe.at(Hook.CLOSE);
                }
            };
        }
    }
}
