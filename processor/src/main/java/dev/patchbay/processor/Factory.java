package dev.patchbay.processor;

import java.util.Objects;
import java.util.Set;

/**
 * A valid {@code @Extension} class, ready to be listed in its service files.
 *
 * @param binaryName the class's binary name, as a service file lists it ({@code a.b.Outer$Inner})
 * @param name the extension name from the annotation
 * @param kinds the factory interfaces the class implements, never empty
 * @since 1.0.0
 */
record Factory(String binaryName, String name, Set<FactoryKind> kinds) {

    Factory {
        Objects.requireNonNull(binaryName, "binaryName");
        Objects.requireNonNull(name, "name");
        kinds = Set.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a factory implements at least one factory interface");
        }
    }
}
