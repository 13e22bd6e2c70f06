package dev.patchbay.processor;

/**
 * The three factory interfaces of the api, each with its own service file.
 *
 * @since 1.0.0
 */
enum FactoryKind {
    SOURCE("dev.patchbay.api.SourceFactory", "source"),
    PROCESSOR("dev.patchbay.api.ProcessorFactory", "processor"),
    SINK("dev.patchbay.api.SinkFactory", "sink");

    private final String interfaceName;
    private final String label;

    FactoryKind(String interfaceName, String label) {
        this.interfaceName = interfaceName;
        this.label = label;
    }

    /** The interface's canonical name, such as {@code dev.patchbay.api.SourceFactory}. */
    String interfaceName() {
        return interfaceName;
    }

    /** The word the host uses for this kind: {@code source}, {@code processor} or {@code sink}. */
    String label() {
        return label;
    }

    /** The service file's path in the class output, such as {@code META-INF/services/dev.patchbay.api.SinkFactory}. */
    String serviceFile() {
        return "META-INF/services/" + interfaceName;
    }
}
