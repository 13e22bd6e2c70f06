package dev.patchbay.host.pipeline;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;

/**
 * The plugins of the faulty-plugin corpus (issue 8), as Java sources compiled into real jars:
 * <ul>
 *   <li>{@code basics} 1.0.0 ({@link HealthyPlugins}): the healthy {@code count} source and {@code lines} sink;</li>
 *   <li>{@code faulty} {@value #FAULTY_VERSION}: a {@code source}, {@code processor} and {@code sink} that
 *       misbehave in the call named by their {@code call} setting the way their {@code mode} setting says,
 *       and one extension per side and mode whose {@code settings()} misbehaves, such as
 *       {@code sink-settings-spin};</li>
 *   <li>{@code exits} and {@code halts}: processors whose code calls {@code System.exit(3)} or
 *       {@code Runtime.getRuntime().halt(3)}, refused at discovery.</li>
 * </ul>
 */
final class FaultyPlugins {

    static final String FAULTY_VERSION = "2.1.0";
    /** The modes in which a call never returns. */
    static final List<String> HANGS = List.of("spin", "sleep");
    static final List<String> SIDES = List.of("source", "processor", "sink");
    static final String FAULT_CLASS = "com.example.faulty.Fault";

    private FaultyPlugins() {
    }

    /** Builds the four plugin jars into the folder, {@code basics} by {@link HealthyPlugins}. */
    static void buildInto(Path plugins) {
        HealthyPlugins.buildInto(plugins);
        PluginJarBuilder faulty = PluginJarBuilder.plugin("faulty").version(FAULTY_VERSION)
                .source(FAULT_CLASS, FAULT).source("com.example.faulty.Lines", HealthyPlugins.lines("faulty"))
                .source("com.example.faulty.FaultySource", SOURCE).source("com.example.faulty.FaultyProcessor",
                        PROCESSOR).source("com.example.faulty.FaultySink", SINK)
                .service(SourceFactory.class, "com.example.faulty.FaultySource")
                .service(ProcessorFactory.class, "com.example.faulty.FaultyProcessor")
                .service(SinkFactory.class, "com.example.faulty.FaultySink");
        for (String side : SIDES) {
            for (String mode : List.of("throw", "spin", "sleep")) {
                String base = "Faulty" + Character.toUpperCase(side.charAt(0)) + side.substring(1);
                String name = base + "Settings" + Character.toUpperCase(mode.charAt(0)) + mode.substring(1);
                faulty.source("com.example.faulty." + name, SETTINGS_FAULT.formatted(side, mode, name, base, mode))
                        .service(side.equals("source") ? SourceFactory.class : side.equals("sink")
                                ? SinkFactory.class : ProcessorFactory.class, "com.example.faulty." + name);
            }
        }
        faulty.buildJar(plugins);
        PluginJarBuilder.plugin("exits").source("com.example.exits.Exits", EXITING.formatted("exits", "exits",
                "System.exit(3)")).service(ProcessorFactory.class, "com.example.exits.Exits").buildJar(plugins);
        PluginJarBuilder.plugin("halts").source("com.example.halts.Exits", EXITING.formatted("halts", "halts",
                "Runtime.getRuntime().halt(3)")).service(ProcessorFactory.class, "com.example.halts.Exits")
                .buildJar(plugins);
    }

    private static final String FAULT = """
            package com.example.faulty;

            import dev.patchbay.api.*;
            import java.util.List;

            /** Where (setting "call") and how (setting "mode") a faulty stage misbehaves. */
            public final class Fault {
                /** The test's way out of a hang, set once the host has given up on the thread. */
                public static volatile boolean released;
                static final List<Setting> SETTINGS = List.of(
                        Setting.optional("call", SettingType.STRING, "The call that misbehaves.").withDefault("none"),
                        Setting.optional("mode", SettingType.STRING, "How it misbehaves.").withDefault("throw"),
                        Setting.optional("n", SettingType.LONG, "The record number the mode uses.").withDefault(10L),
                        Setting.optional("to", SettingType.LONG, "A source's last record.").withDefault(2000L),
                        Setting.optional("path", SettingType.STRING, "A sink's file.").withDefault("out/faulty.txt"));
                private final String call;
                private final String mode;
                final long n;

                Fault(Settings settings) {
                    call = settings.getString("call");
                    mode = settings.getString("mode");
                    n = settings.getLong("n");
                }

                boolean is(String where, String how) {
                    return call.equals(where) && mode.equals(how);
                }

                void at(String where) {
                    if (call.equals(where)) {
                        misbehave(mode, where + "()");
                    }
                }

                static void misbehave(String mode, String where) {
                    switch (mode) {
                        case "throw" -> throw new IllegalStateException("faulty " + where + " threw on purpose");
                        case "spin" -> {
                            while (!released) {
                                // busy: nothing but a volatile read
                            }
                        }
                        case "sleep" -> {
                            while (!released) {
                                try {
                                    Thread.sleep(10);
                                } catch (InterruptedException ignored) {
                                    // ignores the host's interrupt and sleeps on
                                }
                            }
                        }
                        default -> { }
                    }
                }

                /** settings() misbehaves on pipeline threads only: the validator calls it first, on its own. */
                static List<Setting> settings(String mode) {
                    if (Thread.currentThread().getName().startsWith("pipeline-")) {
                        misbehave(mode, "settings()");
                    }
                    return SETTINGS;
                }
            }
            """;

    private static final String SOURCE = """
            package com.example.faulty;

            import dev.patchbay.api.*;
            import java.util.List;
            import java.util.concurrent.atomic.AtomicBoolean;

            @Extension(name = "source", description = "Emits n = 1 to 'to', 100 a poll, misbehaving as told.")
            public class FaultySource implements SourceFactory {
                private final AtomicBoolean failed = new AtomicBoolean();

                public List<Setting> settings() {
                    return Fault.SETTINGS;
                }

                public Source create(Settings settings, SourceContext context) {
                    Fault fault = new Fault(settings);
                    fault.at("create");
                    if (fault.is("create", "null")) {
                        return null;
                    }
                    long to = settings.getLong("to");
                    long start = context.resumeFrom().map(p -> Long.parseLong(p.value())).orElse(1L);
                    Fields fields = Fields.of("n");
                    return new Source() {
                        private long next = start;

                        public Poll poll(Emitter out) {
                            fault.at("poll");
                            if (fault.is("poll", "null")) {
                                return null;
                            }
                            if (fault.is("poll", "fail-once") && next > fault.n && failed.compareAndSet(false, true)) {
                                throw new IllegalStateException("faulty poll() fails once, after record " + (next - 1));
                            }
                            for (int i = 0; i < 100 && next <= to; i++) {
                                long n = next++;
                                if (fault.is("poll", "skip") && n % fault.n == 0) {
                                    out.reject(new Rejection("number " + n + " is a multiple of " + fault.n,
                                            "numbers line " + n, Long.toString(n)));
                                    context.count("multiples", 1);
                                    continue;
                                }
                                out.emit(fields.record(n));
                            }
                            return next > to ? Poll.END : Poll.MORE;
                        }

                        public Position position() {
                            fault.at("position");
                            return fault.is("position", "null") ? null : new Position(Long.toString(next));
                        }

                        public void close() {
                            fault.at("close");
                        }
                    };
                }
            }
            """;

    private static final String PROCESSOR = """
            package com.example.faulty;

            import dev.patchbay.api.*;
            import java.util.List;
            import java.util.concurrent.locks.LockSupport;

            @Extension(name = "processor", description = "Passes records on, misbehaving as told.")
            public class FaultyProcessor implements ProcessorFactory {
                public List<Setting> settings() {
                    return Fault.SETTINGS;
                }

                public Processor create(Settings settings, ExtensionContext context) {
                    Fault fault = new Fault(settings);
                    fault.at("create");
                    if (fault.is("create", "null")) {
                        return null;
                    }
                    if (fault.is("create", "leak")) {
                        new Thread(() -> {
                            while (!Thread.currentThread().isInterrupted()) {
                                LockSupport.park();
                            }
                        }, "faulty-leaked").start();
                    }
                    return new Processor() {
                        public void process(Row record, Emitter out) {
                            long n = (Long) record.get("n");
                            fault.at("process");
                            if (fault.is("process", "reject") && n % fault.n == 0) {
                                throw new ExtensionException("processor", "rejects record " + n);
                            }
                            if (fault.is("process", "skip") && n % fault.n == 0) {
                                out.reject(new Rejection("skips multiples of " + fault.n, "", ""));
                                context.count("skippedMultiples", 1);
                                return;
                            }
                            if (fault.is("process", "overflow")) {
                                deeper(0);
                            }
                            if (fault.is("process", "slow") && n % 100 == 0) {
                                LockSupport.parkNanos(50_000_000L);
                            }
                            if (fault.is("process", "swallow")) {
                                if (n == fault.n) {
                                    // Its own code interrupts it, as a helper cancelling "its" work would.
                                    Thread.currentThread().interrupt();
                                }
                                try {
                                    Thread.sleep(1);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            out.emit(record);
                        }

                        public void close() {
                            fault.at("close");
                        }
                    };
                }

                static int deeper(int depth) {
                    return deeper(depth + 1) + 1;
                }
            }
            """;

    private static final String SINK = """
            package com.example.faulty;

            import dev.patchbay.api.*;
            import java.io.IOException;
            import java.util.List;

            @Extension(name = "sink", description = "Appends each record to 'path' as a line, misbehaving as told.")
            public class FaultySink implements SinkFactory {
                public List<Setting> settings() {
                    return Fault.SETTINGS;
                }

                public Sink create(Settings settings, ExtensionContext context) {
                    Fault fault = new Fault(settings);
                    fault.at("create");
                    if (fault.is("create", "null")) {
                        return null;
                    }
                    Lines lines = new Lines(context.baseDirectory().resolve(settings.getString("path")));
                    return new Sink() {
                        public void write(List<Row> batch) throws IOException {
                            fault.at("write");
                            for (Row record : batch) {
                                long n = (Long) record.get("n");
                                if (fault.is("write", "refuse") && n >= fault.n && n < fault.n + 5) {
                                    throw new IOException("cannot write record " + n);
                                }
                            }
                            lines.write(batch);
                        }

                        public void flush() throws IOException {
                            fault.at("flush");
                            lines.flush();
                        }

                        public void close() {
                            fault.at("close");
                        }
                    };
                }
            }
            """;

    /** Formatted with the side, the mode, the class name, the side's factory class and the mode again. */
    private static final String SETTINGS_FAULT = """
            package com.example.faulty;

            @dev.patchbay.api.Extension(name = "%s-settings-%s", description = "Its settings() misbehaves.")
            public class %s extends %s {
                @Override
                public java.util.List<dev.patchbay.api.Setting> settings() {
                    return Fault.settings("%s");
                }
            }
            """;

    /** Formatted with the package's last word, the extension name and the call that ends the JVM. */
    private static final String EXITING = """
            package com.example.%s;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "%s", description = "Ends the JVM on its first record.")
            public class Exits implements ProcessorFactory {
                public List<Setting> settings() {
                    return List.of();
                }

                public Processor create(Settings settings, ExtensionContext context) {
                    return (record, out) -> %s;
                }
            }
            """;
}
