package dev.patchbay.host.plugin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One reference the linkage check found unresolvable: by which class (and, once located, which of its methods or
 * fields), to which class or member, with the problem code it carries and where the missing member's owner comes
 * from.
 *
 * @param code API_MEMBER_MISSING, CLASS_NOT_VISIBLE or MEMBER_MISSING
 * @param referrer the internal name of the plugin class that holds the reference
 * @param lib the {@code lib/} jar the referrer is in, if it is in one
 * @param missingClass the internal name of the class that is missing, for a class reference
 * @param member the member that is missing, for a member reference
 * @param ownerOrigin for a member, where its owner class comes from ("the JDK", "lib/x.jar", "plugin 'geo'")
 * @param where the referrer's methods and fields that use it, filled by the slow pass
 */
record LinkageFinding(ProblemCode code, String referrer, Optional<String> lib, Optional<String> missingClass,
        Optional<ClassReferences.MemberRef> member, Optional<String> ownerOrigin, List<String> where) {

    LinkageFinding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(referrer, "referrer");
        Objects.requireNonNull(lib, "lib");
        Objects.requireNonNull(missingClass, "missingClass");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(ownerOrigin, "ownerOrigin");
        where = List.copyOf(where);
        if (missingClass.isPresent() == member.isPresent()) {
            throw new IllegalArgumentException("a finding is about a class or a member, not " + (member.isPresent()
                    ? "both" : "neither") + " (in " + referrer + ")");
        }
    }

    static LinkageFinding ofClass(ProblemCode code, String referrer, Optional<String> lib, String missingClass) {
        return new LinkageFinding(code, referrer, lib, Optional.of(missingClass), Optional.empty(), Optional.empty(),
                List.of());
    }

    static LinkageFinding ofMember(ProblemCode code, String referrer, Optional<String> lib,
            ClassReferences.MemberRef member, String ownerOrigin) {
        return new LinkageFinding(code, referrer, lib, Optional.empty(), Optional.of(member),
                Optional.of(ownerOrigin), List.of());
    }

    LinkageFinding located(List<String> found) {
        return new LinkageFinding(code, referrer, lib, missingClass, member, ownerOrigin, found);
    }

    /** {@code class com.example.lib.Thing} or {@code method void a.B.run(int)} / {@code field int a.B.size}. */
    String missing() {
        return missingClass.map(name -> "class " + Descriptors.binary(name))
                .orElseGet(() -> (member.get().field() ? "field " : "method ") + member.get().display());
    }

    /** {@code com.acme.Bar.run(java.lang.String) (lib/x.jar)}: the referrer, located when the slow pass could. */
    String referrerDisplay() {
        String type = Descriptors.binary(referrer);
        String at = where.isEmpty() ? type : where.stream()
                .map(w -> type + "." + w.substring(w.indexOf(' ') + 1)).collect(java.util.stream.Collectors
                        .joining(", "));
        return at + lib.map(name -> " (" + name + ")").orElse("");
    }
}
