package dev.patchbay.host.pipeline;

import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.nio.file.Path;

/**
 * The healthy plugin of the faulty-plugin corpus, {@code basics} 1.0.0, as Java sources: the source
 * {@code count} (n = 1 to {@code to}, 100 a poll, resuming from its checkpoint) and the sink {@code lines},
 * which writes one line per record, its fields as {@code name=value} separated by tabs.
 */
final class HealthyPlugins {

    private HealthyPlugins() {
    }

    static void buildInto(Path plugins) {
        PluginJarBuilder.plugin("basics").source("com.example.basics.CountFactory", COUNT)
                .service(SourceFactory.class, "com.example.basics.CountFactory")
                .source("com.example.basics.Lines", lines("basics"))
                .source("com.example.basics.LinesFactory", LINES_SINK)
                .service(SinkFactory.class, "com.example.basics.LinesFactory").buildJar(plugins);
    }

    /** The class {@code com.example.PACKAGE.Lines}, which sinks use to write their lines. */
    static String lines(String pkg) {
        return LINES.formatted(pkg);
    }

    private static final String COUNT = """
            package com.example.basics;

            import dev.patchbay.api.*;
            import java.util.List;

            @Extension(name = "count", description = "Emits n = 1 to 'to', 100 a poll.")
            public class CountFactory implements SourceFactory {
                public List<Setting> settings() {
                    return List.of(Setting.required("to", SettingType.LONG, "The last number."));
                }

                public Source create(Settings settings, SourceContext context) {
                    long to = settings.getLong("to");
                    long start = context.resumeFrom().map(p -> Long.parseLong(p.value())).orElse(1L);
                    Fields fields = Fields.of("n");
                    return new Source() {
                        private long next = start;

                        public Poll poll(Emitter out) {
                            for (int i = 0; i < 100 && next <= to; i++) {
                                out.emit(fields.record(next++));
                            }
                            return next > to ? Poll.END : Poll.MORE;
                        }

                        public Position position() {
                            return new Position(Long.toString(next));
                        }
                    };
                }
            }
            """;

    /** Buffers lines in write, appends them to the file in flush; formatted with the package's last word. */
    private static final String LINES = """
            package com.example.%s;

            import dev.patchbay.api.Row;
            import java.io.IOException;
            import java.nio.file.*;
            import java.util.List;

            public final class Lines {
                private final Path file;
                private final StringBuilder pending = new StringBuilder();

                public Lines(Path file) {
                    this.file = file;
                }

                public void write(List<Row> batch) {
                    for (Row record : batch) {
                        for (int i = 0; i < record.size(); i++) {
                            pending.append(i == 0 ? "" : "\\t").append(record.name(i)).append('=')
                                    .append(record.value(i));
                        }
                        pending.append('\\n');
                    }
                }

                public void flush() throws IOException {
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, pending, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    pending.setLength(0);
                }
            }
            """;

    private static final String LINES_SINK = """
            package com.example.basics;

            import dev.patchbay.api.*;
            import java.io.IOException;
            import java.util.List;

            @Extension(name = "lines", description = "Appends each record to 'path' as a line.")
            public class LinesFactory implements SinkFactory {
                public List<Setting> settings() {
                    return List.of(Setting.required("path", SettingType.STRING, "The file."));
                }

                public Sink create(Settings settings, ExtensionContext context) {
                    Lines lines = new Lines(context.baseDirectory().resolve(settings.getString("path")));
                    return new Sink() {
                        public void write(List<Row> batch) {
                            lines.write(batch);
                        }

                        public void flush() throws IOException {
                            lines.flush();
                        }
                    };
                }
            }
            """;
}
