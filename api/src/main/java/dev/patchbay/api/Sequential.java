package dev.patchbay.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link ProcessorFactory} whose processors must not run in parallel.
 *
 * <p>A pipeline's {@code parallelism} runs its processor chain on several workers, each with its own instances,
 * and each worker sees a share of the records. Each instance is still called by one thread at a time. A
 * processor that keeps state across records and must see all of them, such as a counter, a deduplication or a
 * window, carries this annotation next to {@link Extension}; a pipeline using it then runs its processors on
 * one worker, and an explicit {@code parallelism} above 1 is refused with an error naming the processor.
 *
 * <p>The host reads it from the class file, without loading or running plugin code. It means nothing on
 * source and sink factories, which always run on one thread.
 *
 * @since 1.2.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Sequential {
}
