package dev.patchbay.api;

/**
 * Creates configured {@link Source} instances. The host discovers implementations through
 * {@code META-INF/services/dev.patchbay.api.SourceFactory} in the plugin jar; each implementation class
 * carries the {@link Extension} annotation.
 *
 * @since 1.0.0
 */
public interface SourceFactory extends ExtensionFactory {

    /**
     * Creates a source with validated settings.
     *
     * @param settings the settings, already checked against {@link #settings()}
     * @param context the host's context for this instance
     * @return the new source
     * @throws SettingsException if a setting's value is unusable, naming the key
     */
    Source create(Settings settings, SourceContext context);
}
