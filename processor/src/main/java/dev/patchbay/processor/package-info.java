/**
 * The Patchbay annotation processor: writes each extension factory's {@code META-INF/services} file from
 * its {@code @dev.patchbay.api.Extension} annotation, and fails the compilation, naming the class and the
 * fix, for any factory the host would refuse to load.
 *
 * <p>The processor refers to the api types by name only, so its jar has no dependency at all.
 *
 * @since 1.0.0
 */
package dev.patchbay.processor;
