package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The archive checks an {@link ArchivePolicy} asks for, run in order; each runs before discovery reads the archive. */
final class ArchiveChecks {

    private final List<ArchiveCheck> checks;

    ArchiveChecks(List<ArchiveCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    static ArchiveChecks forPolicy(ArchivePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        List<ArchiveCheck> checks = new ArrayList<>();
        if (policy.lock() != ArchivePolicy.LockMode.OFF) {
            checks.add(new LockCheck(policy.lock(), policy.lockFile()));
        }
        checks.add(SignatureCheck.forPolicy(policy));
        return new ArchiveChecks(checks);
    }

    ArchiveCheck.Findings check(Path archive) {
        ArchiveCheck.Findings findings = ArchiveCheck.Findings.NONE;
        for (ArchiveCheck check : checks) {
            findings = findings.and(check.check(archive));
        }
        return findings;
    }
}
