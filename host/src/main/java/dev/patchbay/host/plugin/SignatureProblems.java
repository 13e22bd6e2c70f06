package dev.patchbay.host.plugin;

import java.security.CodeSigner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns what the signatures of one jar cover into problems: refusals and warnings, each naming the archive, the
 * {@code lib/} jar, the first few entries and their count, and the fix. Without {@code plugins.requireSigned} only
 * a broken signature is refused (the class loader would throw {@code SecurityException} on that entry anyway), and
 * entries added after signing are a warning.
 */
final class SignatureProblems {

    private static final int QUOTED = 3;
    private static final String REQUIRE_SIGNED_OFF = "or set plugins.requireSigned to false to accept unsigned plugins";

    private final boolean required;
    private final TrustStore trust;
    private final List<Problem> refusals = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private final List<String> signers = new ArrayList<>();

    /** @param trust the trusted signers; only read when signatures are required */
    SignatureProblems(boolean required, TrustStore trust) {
        this.required = required;
        this.trust = trust;
    }

    /**
     * @param where such as {@code plugin archive 'csv.jar'} or {@code plugin archive 'csv.zip': lib/commons.jar}
     */
    void judge(String where, JarSignatures jar) {
        jar.subjects().forEach(subject -> {
            if (!signers.contains(subject)) {
                signers.add(subject);
            }
        });
        if (!jar.modified().isEmpty()) {
            Map.Entry<String, String> first = jar.modified().entrySet().iterator().next();
            refusals.add(new Problem(ProblemCode.CHANGED_AFTER_SIGNING, where + " was modified after signing: "
                    + count(jar.modified().size()) + (jar.modified().size() == 1 ? " does" : " do")
                    + " not verify against its signature, such as '"
                    + first.getKey() + "' (" + first.getValue() + "); get an intact copy from its publisher, or"
                    + " rebuild it and sign it again"));
        }
        if (!jar.signatureFiles()) {
            if (required && jar.entries() > 0) {
                refusals.add(new Problem(ProblemCode.UNSIGNED, where + " is not signed: none of its "
                        + count(jar.entries()) + " is signed, such as " + quoted(jar.unsigned()) + "; sign it with"
                        + " jarsigner and put the signer's certificate in the trust folder '" + trust.directory()
                        + "', " + REQUIRE_SIGNED_OFF));
            }
            return;
        }
        if (!jar.unsigned().isEmpty()) {
            Problem uncovered = new Problem(ProblemCode.CHANGED_AFTER_SIGNING, where + " was changed after signing: "
                    + count(jar.unsigned().size()) + (jar.unsigned().size() == 1 ? " is" : " are")
                    + " not covered by its signature (added after signing), such as " + quoted(jar.unsigned())
                    + "; remove " + (jar.unsigned().size() == 1 ? "it" : "them")
                    + ", or rebuild the jar and sign it again with jarsigner");
            (required ? refusals : warnings).add(uncovered);
        }
        if (required) {
            jar.signed().forEach((signedBy, entries) -> untrusted(where, signedBy, entries));
        }
    }

    private void untrusted(String where, Set<CodeSigner> signedBy, List<String> entries) {
        if (signedBy.stream().anyMatch(trust::trusts)) {
            return;
        }
        String names = signedBy.stream().map(JarSignatures::subject).collect(Collectors.joining("; "));
        refusals.add(new Problem(ProblemCode.UNTRUSTED_SIGNER, where + " is signed by " + names + " ("
                + count(entries.size()) + ", such as " + quoted(entries) + "), but no certificate in the trust folder '"
                + trust.directory() + "' is that signer's; if you trust it, export its certificate into the trust"
                + " folder (keytool -exportcert -rfc), else remove the plugin"));
    }

    /** With {@code plugins.requireSigned}: a folder or zip's {@code classes/}, which no signature can cover. */
    void classesFolder(String where, List<String> files) {
        if (required && !files.isEmpty()) {
            refusals.add(new Problem(ProblemCode.UNSIGNED, where + " has " + files.size()
                    + (files.size() == 1 ? " file" : " files") + " in classes/,"
                    + " such as " + quoted(files) + ", which cannot be signed; ship the plugin as a signed jar, or"
                    + " move its classes into a signed jar in lib/, " + REQUIRE_SIGNED_OFF));
        }
    }

    /** With {@code plugins.requireSigned} and a trust folder that cannot be used: the archive is refused. */
    Optional<Problem> unusableTrust(String where) {
        if (!required || trust.problem().isEmpty()) {
            return Optional.empty();
        }
        TrustStore.Unusable unusable = trust.problem().get();
        return Optional.of(new Problem(ProblemCode.UNTRUSTED_SIGNER, where + " cannot be checked against trusted"
                + " signers: " + unusable.reason() + "; " + unusable.fix() + ", " + REQUIRE_SIGNED_OFF));
    }

    ArchiveCheck.Findings findings() {
        return new ArchiveCheck.Findings(refusals, warnings, signers);
    }

    private static String count(int entries) {
        return entries + (entries == 1 ? " entry" : " entries");
    }

    private static String quoted(List<String> names) {
        String first = names.stream().limit(QUOTED).map(name -> "'" + name + "'").collect(Collectors.joining(", "));
        return names.size() > QUOTED ? first + " and " + (names.size() - QUOTED) + " more" : first;
    }
}
