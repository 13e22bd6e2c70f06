package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How much the platform trusts an archive before it reads it: the digest lockfile and the signers, from
 * {@code plugins.lock}, {@code plugins.trust} and {@code plugins.requireSigned}. Both checks run on the archive
 * before any of its classes or service files are read.
 *
 * @param lock what a difference from the lockfile does
 * @param lockFile the lockfile, {@code config/plugins.lock} in the home; written by {@code plugins lock}
 * @param trustDirectory the folder of trusted signers' PEM certificates, {@code config/trust} by default
 * @param requireSigned whether every entry of an archive and of its {@code lib/} jars must be signed by a trusted
 *        signer
 */
public record ArchivePolicy(LockMode lock, Path lockFile, Path trustDirectory, boolean requireSigned) {

    /** What the platform does when an archive differs from the lockfile. */
    public enum LockMode {
        /** The lockfile is not read. */
        OFF,
        /** A difference is reported as a warning and the archive is used. */
        WARN,
        /** An archive that is not in the lockfile, or whose digest differs, is refused. */
        ENFORCE;

        /** The configuration's spelling: {@code off}, {@code warn} or {@code enforce}. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The lockfile's place in a home. */
    public static final String LOCK_FILE = "config/plugins.lock";
    /** The trust folder's default place in a home. */
    public static final String TRUST_DIRECTORY = "config/trust";

    public ArchivePolicy {
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(lockFile, "lockFile");
        Objects.requireNonNull(trustDirectory, "trustDirectory");
    }

    /** No lockfile and no signatures required, with the home's default places. */
    public static ArchivePolicy open(Path home) {
        return new ArchivePolicy(LockMode.OFF, home.resolve(LOCK_FILE), home.resolve(TRUST_DIRECTORY), false);
    }

    /**
     * The signature rules alone, for archives about to be installed: they are not in the lockfile yet, which
     * {@code plugins install} writes itself, but must be signed as the home requires.
     */
    public ArchivePolicy signaturesOnly() {
        return new ArchivePolicy(LockMode.OFF, lockFile, trustDirectory, requireSigned);
    }

    /** No lockfile and no signatures required; the places are never read. For archives outside a home. */
    public static ArchivePolicy none() {
        return open(Path.of("."));
    }
}
