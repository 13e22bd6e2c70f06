package dev.patchbay.host.plugin;

import java.util.Objects;

/**
 * A dependency declared in {@code Plugin-Dependencies}, such as {@code csv@>=1.0.0 & <2.0.0} or the
 * optional {@code geo?@1.x}.
 *
 * @param pluginId the id of the plugin depended on
 * @param versionRange the semver range, or {@code *} for any version
 * @param optional whether the plugin works without it
 */
public record PluginDependency(String pluginId, String versionRange, boolean optional) {

    public PluginDependency {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(versionRange, "versionRange");
    }
}
