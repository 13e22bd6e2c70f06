package dev.patchbay.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the host tells a factory when it creates a configured extension instance.
 *
 * <p>This is an interface so that later api versions can add methods, with defaults, without breaking
 * plugins. Plugins never implement it; the host does.
 *
 * @since 1.0.0
 */
public interface ExtensionContext {

    /**
     * Returns the id of the plugin the extension belongs to, as in its {@code Plugin-Id}.
     *
     * @return the plugin id
     */
    String pluginId();

    /**
     * Returns the extension's name, as in its {@link Extension#name()}.
     *
     * @return the extension name
     */
    String extensionName();

    /**
     * Returns an identifier of this configured instance that is stable across restarts, such as
     * {@code demo/processors[1]}: the pipeline name and the stage's place in it.
     *
     * @return the stage id
     */
    String stageId();

    /**
     * Returns a logger for the extension. The host tags its lines with the plugin id and stage id.
     *
     * @return the logger
     */
    System.Logger logger();

    /**
     * Returns the directory that relative paths in settings are resolved against: the Patchbay home.
     *
     * @return an absolute directory
     */
    Path baseDirectory();

    /**
     * Adds to one of this stage's own counters, such as {@code commentLines} for lines a source skips by
     * design. The host shows the counters of each stage in the run summary, the {@code --json} output and
     * the metrics, under the name given.
     *
     * <p>The default does nothing, for contexts that keep no counters, such as one made in a test. The
     * host's contexts always keep them.
     *
     * @param counter the counter's name, in lowerCamelCase, for example {@code commentLines}
     * @param amount how much to add; not negative
     * @throws IllegalArgumentException if the name is not lowerCamelCase or the amount is negative
     * @since 1.1.0
     */
    default void count(String counter, long amount) {
        Counters.check(counter, amount);
    }

    /**
     * Sets one of this stage's own status values, replacing the value it had: something an operator
     * should see about what the stage holds now, rather than count, such as {@code partitions} set to
     * {@code "orders:0,orders:3"} for the Kafka partitions a source is assigned. The host shows the
     * status values of each stage in the run summary, the {@code --json} output and the admin API's
     * pipeline view, under the name given.
     *
     * <p>The default does nothing, for contexts that keep no status, such as one made in a test. The
     * host's contexts always keep it.
     *
     * @param name the value's name, in lowerCamelCase, for example {@code partitions}
     * @param value the value, possibly empty; not null
     * @throws IllegalArgumentException if the name is not lowerCamelCase
     * @throws NullPointerException if the value is null
     * @since 1.3.0
     */
    default void status(String name, String value) {
        Counters.checkName(name, "status value");
        Objects.requireNonNull(value, "value of status '" + name + "'");
    }
}
