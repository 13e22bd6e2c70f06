package dev.patchbay.host.config;

import dev.patchbay.api.Setting;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.LoadedExtension;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the stage settings that name files, so that {@code config check} can look at the directories a run will
 * write. Only a plugin knows which of its settings are paths; it says so in its settings descriptions
 * ({@link Roles}), and the host does not guess from names such as {@code path}.
 */
public final class PathSettings {

    private static final Logger LOG = LoggerFactory.getLogger(PathSettings.class);

    /** Which settings are paths, and of which role, as an extension's settings descriptions declare it. */
    @FunctionalInterface
    public interface Roles {

        /** The role of a setting that names a path; empty for any other setting. */
        Optional<PathSetting.Role> of(Setting setting);
    }

    /**
     * What the plugin declares (api 1.1.0, {@code Setting.asInputPath()} and {@code asOutputPath()}); a setting of
     * a plugin built for api 1.0 is never a path.
     */
    public static final Roles FROM_SETTINGS = setting -> setting.pathRole()
            .map(role -> role == Setting.PathRole.INPUT ? PathSetting.Role.INPUT : PathSetting.Role.OUTPUT);

    private final Roles roles;

    public PathSettings(Roles roles) {
        this.roles = Objects.requireNonNull(roles, "roles");
    }

    /**
     * Every path setting of every stage the reading lists whose settings could be read and whose extension is
     * started: the operator's string value, or the setting's string default, resolved against the home. A stage
     * whose extension is missing, or whose settings description throws, is left out: the pipeline check reports
     * it. A value that is not a valid path is left out too; the extension's own check reports it.
     */
    public List<PathSetting> list(ConfigReading reading, ExtensionCatalog catalog) {
        Path home = reading.config().home();
        List<PathSetting> found = new ArrayList<>();
        for (StageUse use : reading.stages()) {
            if (!use.settingsReadable()) {
                continue;
            }
            String reference = use.stage().use();
            int slash = reference.indexOf('/');
            Optional<LoadedExtension> extension = catalog.extension(reference.substring(0, slash), use.kind(),
                    reference.substring(slash + 1));
            for (Setting setting : settings(extension, reference)) {
                Optional<PathSetting.Role> role = roles.of(setting);
                Object value = use.stage().settings().containsKey(setting.key())
                        ? use.stage().settings().get(setting.key()) : setting.defaultValue().orElse(null);
                // A path from a reference is not checked here: every finding would print the resolved value.
                if (role.isPresent() && value instanceof String text && !text.isBlank()
                        && !use.stage().referencedKeys().contains(setting.key())) {
                    resolve(home, text, use.stage()).ifPresent(path -> found.add(new PathSetting(use.pipeline(),
                            use.stage(), setting.key(), path, role.get())));
                }
            }
        }
        return List.copyOf(found);
    }

    private static List<Setting> settings(Optional<LoadedExtension> extension, String reference) {
        if (extension.isEmpty()) {
            return List.of();
        }
        try {
            return extension.get().settings();
        } catch (RuntimeException | LinkageError e) {
            // The pipeline check reports a settings description that throws as an error naming the plugin.
            LOG.debug("the settings description of {} threw; its paths are not checked", reference, e);
            return List.of();
        }
    }

    private static Optional<Path> resolve(Path home, String value, StageConfig stage) {
        try {
            return Optional.of(home.resolve(value).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            LOG.debug("{} at {}: \"{}\" is not a path; the extension reports it", stage.use(), stage.path(), value, e);
            return Optional.empty();
        }
    }
}
