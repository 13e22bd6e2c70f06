package dev.patchbay.testkit;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Position;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Row;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceContext;
import dev.patchbay.api.SourceFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small factories the kit's own tests drive; each instance records what happened to it. */
final class TestFactories {

    private TestFactories() {
    }

    /** Upper- or lower-cases one field, {@code times} copies; records the context class loader of every call. */
    @Extension(name = "upper", description = "Changes the case of a field")
    static final class UpperFactory implements ProcessorFactory {

        final List<String> calls = new ArrayList<>();

        @Override
        public List<Setting> settings() {
            calls.add("settings " + loader());
            return List.of(
                    Setting.required("field", SettingType.STRING, "the field to change"),
                    Setting.optional("mode", SettingType.STRING, "upper or lower").oneOf("upper", "lower")
                            .withDefault("upper"),
                    Setting.optional("times", SettingType.LONG, "how many copies to emit").withDefault(1L));
        }

        @Override
        public Processor create(Settings settings, ExtensionContext context) {
            calls.add("create " + loader());
            String field = settings.getString("field");
            boolean upper = settings.getString("mode").equals("upper");
            long times = settings.getLong("times");
            context.logger().log(System.Logger.Level.INFO, "changing {0}", field);
            return new Processor() {
                @Override
                public void process(Row record, Emitter out) {
                    calls.add("process " + loader());
                    if (!record.has(field)) {
                        out.reject(new Rejection("has no field '" + field + "'", "", ""));
                        context.count("missingField", 1);
                        return;
                    }
                    String value = String.valueOf(record.get(field));
                    for (long i = 0; i < times; i++) {
                        out.emit(record.with(field, upper ? value.toUpperCase(Locale.ROOT)
                                : value.toLowerCase(Locale.ROOT)));
                    }
                }

                @Override
                public void close() {
                    calls.add("close " + loader());
                }
            };
        }
    }

    /**
     * Emits {@code n=0 .. count-1}, {@code perPoll} rows per poll, position {@code next=N}. {@code skew} is the
     * bug under test: a resumed source starts at N + skew instead of N.
     */
    @Extension(name = "counter")
    static final class CounterFactory implements SourceFactory {

        @Override
        public List<Setting> settings() {
            return List.of(Setting.required("count", SettingType.LONG, "how many rows"),
                    Setting.optional("perPoll", SettingType.LONG, "rows per poll").withDefault(2L),
                    Setting.optional("skew", SettingType.LONG, "added to the resume position").withDefault(0L),
                    Setting.optional("rejectEvery", SettingType.LONG, "rejects n when n % rejectEvery is 0")
                            .withDefault(0L));
        }

        @Override
        public Source create(Settings settings, SourceContext context) {
            long count = settings.getLong("count");
            long perPoll = settings.getLong("perPoll");
            long rejectEvery = settings.getLong("rejectEvery");
            long start = context.resumeFrom()
                    .map(p -> Long.parseLong(p.value().substring("next=".length())) + settings.getLong("skew"))
                    .orElse(0L);
            return new Source() {
                private long next = Math.max(0, start);

                @Override
                public Poll poll(Emitter out) {
                    for (long i = 0; i < perPoll && next < count; i++) {
                        long n = next++;
                        if (rejectEvery > 0 && n % rejectEvery == 0) {
                            out.reject(new Rejection("rejects multiples of " + rejectEvery, "n=" + n, "" + n));
                            context.count("rejectedMultiples", 1);
                            continue;
                        }
                        out.emit(Row.builder().set("n", n).build());
                    }
                    return next < count ? Poll.MORE : Poll.END;
                }

                @Override
                public Position position() {
                    return new Position("next=" + next);
                }
            };
        }
    }

    /** A source that never ends: every poll returns {@code result} and emits nothing. */
    @Extension(name = "endless")
    static final class EndlessFactory implements SourceFactory {

        @Override
        public List<Setting> settings() {
            return List.of(Setting.required("result", SettingType.STRING, "what every poll returns")
                    .oneOf("MORE", "IDLE"));
        }

        @Override
        public Source create(Settings settings, SourceContext context) {
            Source.Poll result = Source.Poll.valueOf(settings.getString("result"));
            return new Source() {
                @Override
                public Poll poll(Emitter out) {
                    return result;
                }

                @Override
                public Position position() {
                    return new Position("");
                }
            };
        }
    }

    /** Keeps every batch in memory; records flushes, closes and the context class loader of every call. */
    @Extension(name = "memory")
    static final class MemorySinkFactory implements SinkFactory {

        final List<List<Row>> batches = new ArrayList<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public List<Setting> settings() {
            return List.of();
        }

        @Override
        public Sink create(Settings settings, ExtensionContext context) {
            return new Sink() {
                @Override
                public void write(List<Row> batch) {
                    calls.add("write " + loader());
                    batches.add(List.copyOf(batch));
                }

                @Override
                public void flush() {
                    calls.add("flush " + loader());
                }

                @Override
                public void close() {
                    calls.add("close " + loader());
                }
            };
        }
    }

    static String loader() {
        return String.valueOf(Thread.currentThread().getContextClassLoader());
    }
}
