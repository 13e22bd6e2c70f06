package dev.patchbay.plugins.files;

import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creates sources and sinks the way the host does and drives them. */
final class Harness {

    private Harness() {
    }

    static String name(ExtensionFactory factory) {
        return factory.getClass().getAnnotation(dev.patchbay.api.Extension.class).name();
    }

    static Settings settings(ExtensionFactory factory, Map<String, ?> values) {
        return Settings.of(name(factory), values, factory.settings());
    }

    static Source source(SourceFactory factory, Map<String, ?> values, TestContext context) {
        return factory.create(settings(factory, values), context);
    }

    static Sink sink(SinkFactory factory, Map<String, ?> values, TestContext context) {
        return factory.create(settings(factory, values), context);
    }

    /** Polls until END and returns every record. */
    static List<Row> readAll(Source source) throws IOException {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            Source.Poll poll = source.poll(out::add);
            if (poll == Source.Poll.END) {
                return out;
            }
            if (poll == Source.Poll.IDLE) {
                throw new AssertionError("a finite source returned IDLE");
            }
        }
        throw new AssertionError("source never ended");
    }

    /** Reads a whole file with a source factory. */
    static List<Row> read(SourceFactory factory, Path base, Map<String, ?> values) throws IOException {
        try (Source source = source(factory, values, new TestContext(name(factory), base))) {
            return readAll(source);
        }
    }

    /** Reads a file resuming from a position. */
    static List<Row> resume(SourceFactory factory, Path base, Map<String, ?> values, Position position)
            throws IOException {
        try (Source source = source(factory, values, new TestContext(name(factory), base, Optional.of(position)))) {
            return readAll(source);
        }
    }

    /** Writes records with a sink factory, flushing and closing. */
    static void write(SinkFactory factory, Path base, Map<String, ?> values, List<Row> records) throws IOException {
        try (Sink sink = sink(factory, values, new TestContext(name(factory), base))) {
            sink.write(records);
            sink.flush();
        }
    }

    /** Builds a map from alternating keys and values; values may be null. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Builds a record from alternating names and values. */
    static Row rec(Object... namesAndValues) {
        return Row.of(map(namesAndValues));
    }
}
