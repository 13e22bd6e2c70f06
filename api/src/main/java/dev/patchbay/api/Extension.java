package dev.patchbay.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names and describes an extension factory.
 *
 * <p>Every class listed in a plugin's service file for {@link SourceFactory}, {@link ProcessorFactory}
 * or {@link SinkFactory} must carry this annotation. The host reads it from the class file, so that it
 * can list a plugin's extensions without loading or running any plugin code. Operators refer to the
 * extension as {@code plugin-id/name}.
 *
 * @since 1.0.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Extension {

    /**
     * The extension's name, unique among the plugin's extensions of the same kind: lower case letters,
     * digits and dashes, starting with a letter, for example {@code csv-source}.
     *
     * @return the name
     */
    String name();

    /**
     * A one-line summary for operators, shown by {@code patchbay plugins list} and {@code info}.
     *
     * @return the summary, may be empty
     */
    String description() default "";
}
