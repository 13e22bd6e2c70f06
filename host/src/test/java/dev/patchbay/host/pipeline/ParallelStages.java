package dev.patchbay.host.pipeline;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Position;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.Sequential;
import dev.patchbay.api.Setting;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Stages for the parallel-processor tests: they record which threads call each instance. */
final class ParallelStages {

    private ParallelStages() {
    }

    /** The threads that called one processor instance, in any of create, process and close. */
    static final class Instance {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        volatile boolean closed;

        void called() {
            threads.add(Thread.currentThread().getName());
        }
    }

    /**
     * Throws on every record whose n is 3 modulo 7 (a rejection; unless {@link #rejecting} is off), passes the others on; each instance records
     * its calling threads. With {@link #failOnThread} set, it throws on every record processed on a thread of
     * that name (a failure of one worker); with {@link #blockOnThread} set, it blocks there until interrupted.
     */
    @Extension(name = "reject-sevens")
    public static final class RejectSevensFactory implements ProcessorFactory {
        final List<Instance> instances = new CopyOnWriteArrayList<>();
        volatile String failOnThread;
        volatile String blockOnThread;
        volatile boolean rejecting = true;
        final CountDownLatch blocked = new CountDownLatch(1);
        final AtomicInteger interrupts = new AtomicInteger();

        @Override
        public List<Setting> settings() {
            return List.of();
        }

        @Override
        public Processor create(Settings settings, ExtensionContext context) {
            Instance instance = new Instance();
            instance.called();
            instances.add(instance);
            return new Processor() {
                @Override
                public void process(Row record, Emitter out) {
                    instance.called();
                    String thread = Thread.currentThread().getName();
                    if (thread.equals(failOnThread)) {
                        throw new IllegalStateException("worker trouble at n=" + record.get("n"));
                    }
                    if (thread.equals(blockOnThread)) {
                        blocked.countDown();
                        try {
                            new CountDownLatch(1).await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            interrupts.incrementAndGet();
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while blocked", e);
                        }
                    }
                    if (rejecting && (Long) record.get("n") % 7 == 3) {
                        throw new IllegalArgumentException("n=" + record.get("n") + " is rejected");
                    }
                    out.emit(record);
                }

                @Override
                public void close() {
                    instance.called();
                    instance.closed = true;
                }
            };
        }
    }

    /** Like keep-even, but declares that it must not run on several workers. */
    @Sequential
    @Extension(name = "count-serial")
    public static final class SerialFactory implements ProcessorFactory {
        final List<Instance> instances = new CopyOnWriteArrayList<>();

        @Override
        public List<Setting> settings() {
            return List.of();
        }

        @Override
        public Processor create(Settings settings, ExtensionContext context) {
            Instance instance = new Instance();
            instance.called();
            instances.add(instance);
            return (record, out) -> {
                instance.called();
                out.emit(record);
            };
        }
    }

    /**
     * A sink that, before each write, reads the committed checkpoint and notes how many records were flushed by
     * then: a checkpoint must never pass a record that was not yet flushed.
     */
    @Extension(name = "checked")
    public static final class CheckedSinkFactory implements SinkFactory {
        final List<Row> durable = new CopyOnWriteArrayList<>();
        /** Pairs of (committed position or -1, records flushed), one per write. */
        final List<long[]> observations = new CopyOnWriteArrayList<>();
        volatile CheckpointStore store;
        volatile String pipeline;

        @Override
        public List<Setting> settings() {
            return List.of();
        }

        @Override
        public Sink create(Settings settings, ExtensionContext context) {
            return new Sink() {
                private final List<Row> unflushed = new ArrayList<>();

                @Override
                public void write(List<Row> batch) throws IOException {
                    observe();
                    unflushed.addAll(batch);
                }

                @Override
                public void flush() throws IOException {
                    durable.addAll(unflushed);
                    unflushed.clear();
                    observe();
                }

                private void observe() throws IOException {
                    Optional<Position> committed = store.load(pipeline);
                    observations.add(new long[] {committed.map(p -> Long.parseLong(p.value())).orElse(-1L),
                            durable.size()});
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
