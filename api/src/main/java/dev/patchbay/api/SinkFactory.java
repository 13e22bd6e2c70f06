package dev.patchbay.api;

/**
 * Creates configured {@link Sink} instances. The host discovers implementations through
 * {@code META-INF/services/dev.patchbay.api.SinkFactory} in the plugin jar; each implementation class
 * carries the {@link Extension} annotation.
 *
 * @since 1.0.0
 */
public interface SinkFactory extends ExtensionFactory {

    /**
     * Creates a sink with validated settings.
     *
     * @param settings the settings, already checked against {@link #settings()}
     * @param context the host's context for this instance
     * @return the new sink
     * @throws SettingsException if a setting's value is unusable, naming the key
     */
    Sink create(Settings settings, ExtensionContext context);
}
