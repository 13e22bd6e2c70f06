package dev.patchbay.api;

import java.util.List;

/**
 * The common part of the factories the host discovers with {@link java.util.ServiceLoader}. A factory
 * describes the settings of the extension it creates; its name and summary come from the
 * {@link Extension} annotation on the class.
 *
 * <p>A factory class must be public, have a public no-argument constructor, and be listed in the
 * plugin's service file for its kind ({@code META-INF/services/dev.patchbay.api.SourceFactory} and so
 * on). Factories must be cheap to construct and thread-safe.
 *
 * @since 1.0.0
 */
public interface ExtensionFactory {

    /**
     * Describes the settings the extension accepts. The host validates operators' settings against
     * this description and prints it as documentation.
     *
     * @return the descriptions, in documentation order; empty if the extension takes no settings
     */
    List<Setting> settings();
}
