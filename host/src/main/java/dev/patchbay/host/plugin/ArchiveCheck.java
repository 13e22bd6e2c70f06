package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A check of one archive's bytes that runs before discovery reads any of its classes or service files: the
 * lockfile's digests, the signatures. Implementations are thread-safe, since archives are discovered in parallel,
 * and run no plugin code.
 */
interface ArchiveCheck {

    /**
     * @param archive the jar, zip or folder as found in the plugins folder
     * @return what the check found; a refusal makes the plugin FAILED before anything else of it is read
     */
    Findings check(Path archive);

    /**
     * @param refusals why the archive must not be used
     * @param warnings what the operator should know although the archive is used
     * @param signers the subjects of the certificates that signed the archive and its {@code lib/} jars
     */
    record Findings(List<Problem> refusals, List<Problem> warnings, List<String> signers) {

        static final Findings NONE = new Findings(List.of(), List.of(), List.of());

        public Findings {
            refusals = List.copyOf(refusals);
            warnings = List.copyOf(warnings);
            signers = List.copyOf(signers);
        }

        Findings and(Findings other) {
            Objects.requireNonNull(other, "other");
            return new Findings(concat(refusals, other.refusals), concat(warnings, other.warnings),
                    concat(signers, other.signers));
        }

        private static <T> List<T> concat(List<T> first, List<T> second) {
            return java.util.stream.Stream.concat(first.stream(), second.stream()).distinct().toList();
        }
    }
}
