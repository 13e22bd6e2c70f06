package dev.patchbay.host.plugin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves a field or method reference the way the JVM does at link time (JVMS 5.4.3.2 to 5.4.3.4), on parsed class
 * files: the member is found when the owner, one of its superclasses or one of their superinterfaces declares it,
 * and for interfaces also {@code java.lang.Object}; the signature-polymorphic methods of {@code MethodHandle} and
 * {@code VarHandle} match any descriptor. Access and static-ness are not checked: a mismatch there is an
 * {@code IncompatibleClassChangeError} or {@code IllegalAccessError}, which this check does not predict.
 */
final class MemberResolution {

    /** The answer: found, missing from a hierarchy known to its top, or unknown because part of it is not found. */
    enum Result { FOUND, MISSING, UNKNOWN }

    private static final String OBJECT = "java/lang/Object";

    private MemberResolution() {
    }

    /**
     * @param classes the classes as the referencing plugin sees them, by internal name; empty when not visible
     */
    static Result resolve(ClassReferences.MemberRef ref, Function<String, Optional<ClassReferences>> classes) {
        Deque<String> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        pending.add(ref.owner());
        boolean complete = true;
        boolean sawInterface = false;
        while (!pending.isEmpty()) {
            String name = pending.poll();
            if (!seen.add(name)) {
                continue;
            }
            Optional<ClassReferences> found = classes.apply(name);
            if (found.isEmpty()) {
                complete = false;
                continue;
            }
            ClassReferences type = found.get();
            if (ref.field() ? type.declaresField(ref.name(), ref.descriptor())
                    : type.declaresMethod(ref.name(), ref.descriptor())) {
                return Result.FOUND;
            }
            sawInterface |= type.isInterface();
            type.superName().ifPresent(pending::add);
            pending.addAll(type.interfaces());
        }
        if (sawInterface && !ref.field() && !seen.contains(OBJECT)) {
            Optional<ClassReferences> object = classes.apply(OBJECT);
            if (object.isPresent() && object.get().declaresMethod(ref.name(), ref.descriptor())) {
                return Result.FOUND;
            }
        }
        return complete ? Result.MISSING : Result.UNKNOWN;
    }
}
