package dev.patchbay.host.testing;

/** Java sources of typical test extensions, to compile with {@link PluginJarBuilder}. */
public final class Sources {

    private Sources() {
    }

    /**
     * A processor factory that passes records through.
     *
     * @param className the fully qualified class name
     * @param extensionName the {@code @Extension} name
     * @param body extra members of the class, such as a static initialiser or constructor
     */
    public static String processor(String className, String extensionName, String body) {
        return processor(className, extensionName, body, "");
    }

    /** As {@link #processor(String, String, String)}, with extra import lines. */
    public static String processor(String className, String extensionName, String body, String imports) {
        int dot = className.lastIndexOf('.');
        String pkg = className.substring(0, dot);
        String simple = className.substring(dot + 1);
        return """
                package %s;

                import dev.patchbay.api.*;
                import java.util.List;
                %s

                @Extension(name = "%s", description = "Test processor %s")
                public class %s implements ProcessorFactory {
                    %s

                    @Override
                    public List<Setting> settings() {
                        return List.of();
                    }

                    @Override
                    public Processor create(Settings settings, ExtensionContext context) {
                        return (record, out) -> out.emit(record);
                    }
                }
                """.formatted(pkg, imports, extensionName, extensionName, simple, body);
    }

    /**
     * A processor factory whose constructor does not return until the system property {@code releaseProperty}
     * is {@code true}: it sleeps in a loop and drops every interrupt, as a badly behaved plugin would.
     */
    public static String stuckProcessor(String className, String extensionName, String releaseProperty) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return processor(className, extensionName, """
                public %s() {
                    while (!Boolean.getBoolean("%s")) {
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException ignored) {
                            // the badly behaved plugin drops the interrupt
                        }
                    }
                }
                """.formatted(simple, releaseProperty));
    }

    /**
     * A source factory that emits one record {@code n} per poll, from 1 to {@code upTo}, with the next {@code n} as
     * its position (resuming from it continues there).
     */
    public static String countingSource(String className, String extensionName, long upTo) {
        int dot = className.lastIndexOf('.');
        return """
                package %s;

                import dev.patchbay.api.*;
                import java.util.List;

                @Extension(name = "%s", description = "Counts from 1 to %d.")
                public class %s implements SourceFactory {
                    @Override
                    public List<Setting> settings() {
                        return List.of();
                    }

                    @Override
                    public Source create(Settings settings, SourceContext context) {
                        Fields fields = Fields.of("n");
                        long start = context.resumeFrom().map(p -> Long.parseLong(p.value())).orElse(1L);
                        return new Source() {
                            private long next = start;

                            @Override
                            public Poll poll(Emitter out) {
                                if (next > %dL) {
                                    return Poll.END;
                                }
                                out.emit(fields.record(next++));
                                return Poll.MORE;
                            }

                            @Override
                            public Position position() {
                                return new Position(Long.toString(next));
                            }
                        };
                    }
                }
                """.formatted(className.substring(0, dot), extensionName, upTo, className.substring(dot + 1), upTo);
    }

    /** A sink factory that writes nothing and flushes nothing. */
    public static String discardingSink(String className, String extensionName) {
        int dot = className.lastIndexOf('.');
        return """
                package %s;

                import dev.patchbay.api.*;
                import java.util.List;

                @Extension(name = "%s", description = "Drops every record.")
                public class %s implements SinkFactory {
                    @Override
                    public List<Setting> settings() {
                        return List.of();
                    }

                    @Override
                    public Sink create(Settings settings, ExtensionContext context) {
                        return new Sink() {
                            @Override
                            public void write(List<Row> batch) {
                            }

                            @Override
                            public void flush() {
                            }
                        };
                    }
                }
                """.formatted(className.substring(0, dot), extensionName, className.substring(dot + 1));
    }
}
