package dev.patchbay.plugins.files;

import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.testkit.SinkTester;
import dev.patchbay.testkit.SourceTester;
import dev.patchbay.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates sources and sinks the way the host does and drives them: whole reads and writes go through the test
 * kit's testers (the host's settings messages, a bounded poll loop); {@link #source} and {@link #sink} hand out
 * the stage itself for tests that drive it by hand.
 */
final class Harness {

    private Harness() {
    }

    static String name(ExtensionFactory factory) {
        return factory.getClass().getAnnotation(dev.patchbay.api.Extension.class).name();
    }

    /** The context the host gives a stage of this plugin, relative paths resolving against {@code base}. */
    static TestContext context(String extension, Path base) {
        return TestContext.builder().pluginId("files").extensionName(extension).baseDirectory(base).build();
    }

    /** The same, resuming from a position when one is given. */
    static TestContext context(String extension, Path base, Optional<Position> resumeFrom) {
        TestContext context = context(extension, base);
        return resumeFrom.map(context::resumingFrom).orElse(context);
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

    /** A source tester for a file under {@code base}. */
    static SourceTester tester(SourceFactory factory, Path base, Map<String, ?> values) {
        return SourceTester.create(factory, values, context(name(factory), base));
    }

    /** Reads a whole file with a source factory. */
    static List<Row> read(SourceFactory factory, Path base, Map<String, ?> values) throws IOException {
        return tester(factory, base, values).readAll().rows();
    }

    /** Reads a file resuming from a position. */
    static List<Row> resume(SourceFactory factory, Path base, Map<String, ?> values, Position position)
            throws IOException {
        return tester(factory, base, values).readAll(position).rows();
    }

    /** Writes records with a sink factory as one batch (none when empty, as the host), flushing and closing. */
    static void write(SinkFactory factory, Path base, Map<String, ?> values, List<Row> records) throws IOException {
        try (SinkTester sink = SinkTester.create(factory, values, context(name(factory), base))) {
            if (!records.isEmpty()) {
                sink.write(records);
            }
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
