package dev.patchbay.host.plugin;

import java.util.Collection;
import java.util.List;

/**
 * A catalog that discovers every plugin but starts only the ones a caller asks for: the host asks for the plugins its
 * pipelines use, so an installed plugin no pipeline uses never has its code run and stays RESOLVED. The catalog knows
 * plugin ids only; which ids a pipeline needs is the host's business.
 */
public interface StartableCatalog extends ExtensionCatalog {

    /**
     * Starts every RESOLVED version of each of these plugins, and, transitively, the versions they link (their
     * required dependencies and the optional ones that are installed), dependencies first. Idempotent and additive:
     * a version already started, or whose start failed, is left as it is, and a later call may ask for more ids. An
     * id no archive has, or whose archives are DISABLED or FAILED, starts nothing. After it, live changes start new
     * versions of every id asked for so far, and of the plugins those link, and leave other new plugins RESOLVED.
     *
     * @param ids plugin ids, such as {@code files}
     * @return every plugin, in id order, with its state now
     * @throws IllegalStateException if the catalog is closed
     */
    List<PluginInfo> startPlugins(Collection<String> ids);

    /**
     * Finishes the discovery {@link #startPlugins} cut short: a catalog may read only the manifests of the archives
     * no asked-for plugin needs, and discover them in full here, publishing each as DISABLED, RESOLVED or FAILED
     * (until then they are not in {@link #plugins()}). The host calls it once its pipelines have started, so that
     * their first records do not wait for plugins they do not use. Idempotent.
     *
     * @return what it found and started
     * @throws IllegalStateException if the catalog is closed
     */
    PluginChanges discoverDeferred();
}
