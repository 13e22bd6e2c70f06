package dev.patchbay.api;

/**
 * Creates configured {@link Processor} instances. The host discovers implementations through
 * {@code META-INF/services/dev.patchbay.api.ProcessorFactory} in the plugin jar; each implementation class
 * carries the {@link Extension} annotation.
 *
 * @since 1.0.0
 */
public interface ProcessorFactory extends ExtensionFactory {

    /**
     * Creates a processor with validated settings.
     *
     * @param settings the settings, already checked against {@link #settings()}
     * @param context the host's context for this instance
     * @return the new processor
     * @throws SettingsException if a setting's value is unusable, naming the key
     */
    Processor create(Settings settings, ExtensionContext context);
}
