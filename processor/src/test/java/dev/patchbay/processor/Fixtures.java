package dev.patchbay.processor;

/** Source snippets for fixture factories: the members each factory interface asks for. */
final class Fixtures {

    static final String SETTINGS =
            "public java.util.List<dev.patchbay.api.Setting> settings() { return java.util.List.of(); }\n";
    static final String SOURCE = "public dev.patchbay.api.Source create(dev.patchbay.api.Settings s,"
            + " dev.patchbay.api.SourceContext c) { throw new UnsupportedOperationException(); }\n";
    static final String PROCESSOR = "public dev.patchbay.api.Processor create(dev.patchbay.api.Settings s,"
            + " dev.patchbay.api.ExtensionContext c) { throw new UnsupportedOperationException(); }\n";
    static final String SINK = "public dev.patchbay.api.Sink create(dev.patchbay.api.Settings s,"
            + " dev.patchbay.api.ExtensionContext c) { throw new UnsupportedOperationException(); }\n";

    private Fixtures() {
    }

    /** A valid top-level factory {@code pkg.name} with the given extension name and interfaces. */
    static String factory(String pkg, String simpleName, String extensionName, String interfaces, String members) {
        return "package " + pkg + ";\n"
                + "@dev.patchbay.api.Extension(name = \"" + extensionName + "\", description = \"A fixture.\")\n"
                + "public class " + simpleName + " implements " + interfaces + " {\n"
                + SETTINGS + members + "}\n";
    }

    static String processor(String pkg, String simpleName, String extensionName) {
        return factory(pkg, simpleName, extensionName, "dev.patchbay.api.ProcessorFactory", PROCESSOR);
    }
}
