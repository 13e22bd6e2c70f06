package dev.patchbay.host.plugin;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The discovery part of the linkage check: resolves the references of a plugin's reachable classes against what
 * its class loader will give it before its dependencies, in the loader's order: the api and slf4j-api packages,
 * the JDK, then its own roots. Reachable means reachable from its entry points (the factory classes its service
 * files list) through its own classes, so that a bundled library's references to optional libraries the plugin never
 * reaches are not reported. A class none of them provides is left for the dependency part ({@link Deferred}) when
 * the plugin declares dependencies, and reported at once when it declares none. Thread-safe: it holds only the
 * shared, thread-safe {@link PlatformClasses}.
 */
final class LinkageCheck {

    /**
     * References to classes none of the JDK, api, slf4j-api and the plugin's own roots provide, which only a declared
     * dependency can: each missing class and member with the plugin classes that reference it.
     */
    record Deferred(Map<String, Set<String>> classes, Map<ClassReferences.MemberRef, Set<String>> members) {
        static final Deferred NONE = new Deferred(Map.of(), Map.of());

        Deferred {
            classes = Map.copyOf(classes);
            members = Map.copyOf(members);
        }

        boolean isEmpty() {
            return classes.isEmpty() && members.isEmpty();
        }
    }

    /** What the discovery part found: findings to report now and references left for the dependency part. */
    record Outcome(List<LinkageFinding> findings, Deferred deferred) {
        Outcome {
            findings = List.copyOf(findings);
            Objects.requireNonNull(deferred, "deferred");
        }
    }

    /** Reads a class file entry of a plugin's class path, such as {@link PluginContent#read}. */
    @FunctionalInterface
    interface ClassBytes {
        Optional<byte[]> read(String entry) throws IOException;
    }

    private final PlatformClasses platform;

    LinkageCheck(PlatformClasses platform) {
        this.platform = Objects.requireNonNull(platform, "platform");
    }

    PlatformClasses platform() {
        return platform;
    }

    /**
     * @param entryPoints the binary names of the factory classes the service files list
     * @param hasDependencies whether the plugin declares any dependency, which may provide what is missing
     */
    Outcome check(PluginClasses own, List<String> entryPoints, boolean hasDependencies) {
        List<LinkageFinding> findings = new ArrayList<>();
        Map<String, Set<String>> deferredClasses = new LinkedHashMap<>();
        Map<ClassReferences.MemberRef, Set<String>> deferredMembers = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>();
        Set<String> reached = new HashSet<>();
        entryPoints.stream().map(name -> name.replace('.', '/')).forEach(pending::add);
        while (!pending.isEmpty()) {
            String name = pending.poll();
            if (!reached.add(name) || visible(name, own).isEmpty() || !isOwn(name, own)) {
                continue;
            }
            ClassReferences type = own.find(name).orElseThrow();
            Set<String> referenced = new HashSet<>(type.classes());
            type.superName().ifPresent(referenced::add);
            referenced.addAll(type.interfaces());
            for (String target : referenced) {
                if (isOwn(target, own)) {
                    pending.add(target);
                } else if (visible(target, own).isEmpty()) {
                    classMissing(name, target, own, findings, deferredClasses);
                }
            }
            for (ClassReferences.MemberRef member : type.members()) {
                boolean shared = PlatformClasses.packageOrigin(member.owner()) != PlatformClasses.Origin.NONE
                        || platform.find(member.owner()).isPresent();
                MemberResolution.Result result = shared ? platform.resolve(member)
                        : MemberResolution.resolve(member, target -> visible(target, own));
                if (result == MemberResolution.Result.MISSING) {
                    findings.add(LinkageFinding.ofMember(memberCode(member.owner()), name, own.libOf(name), member,
                            origin(member.owner(), own)));
                } else if (result == MemberResolution.Result.UNKNOWN && deferredClasses.containsKey(member.owner())) {
                    deferredMembers.computeIfAbsent(member, m -> new HashSet<>()).add(name);
                }
            }
        }
        if (!hasDependencies) {
            deferredClasses.forEach((missing, referrers) -> referrers.forEach(referrer -> findings.add(
                    LinkageFinding.ofClass(ProblemCode.CLASS_NOT_VISIBLE, referrer, own.libOf(referrer), missing))));
            return new Outcome(findings, Deferred.NONE);
        }
        return new Outcome(findings, new Deferred(deferredClasses, deferredMembers));
    }

    private void classMissing(String referrer, String target, PluginClasses own, List<LinkageFinding> findings,
            Map<String, Set<String>> deferred) {
        switch (PlatformClasses.packageOrigin(target)) {
            case API -> findings.add(LinkageFinding.ofClass(ProblemCode.API_MEMBER_MISSING, referrer,
                    own.libOf(referrer), target));
            case SLF4J -> findings.add(LinkageFinding.ofClass(ProblemCode.CLASS_NOT_VISIBLE, referrer,
                    own.libOf(referrer), target));
            default -> deferred.computeIfAbsent(target, t -> new HashSet<>()).add(referrer);
        }
    }

    /** A class of the plugin's own roots that its loader really takes from them (not shadowed by the platform). */
    private boolean isOwn(String internal, PluginClasses own) {
        return own.contains(internal) && PlatformClasses.packageOrigin(internal) == PlatformClasses.Origin.NONE
                && platform.find(internal).isEmpty();
    }

    /** The class as the plugin's loader finds it before its dependencies; empty when only a dependency may have it. */
    private Optional<ClassReferences> visible(String internal, PluginClasses own) {
        Optional<ClassReferences> shared = platform.find(internal);
        if (shared.isPresent() || PlatformClasses.packageOrigin(internal) != PlatformClasses.Origin.NONE) {
            return shared;
        }
        return own.find(internal);
    }

    private static ProblemCode memberCode(String owner) {
        return PlatformClasses.packageOrigin(owner) == PlatformClasses.Origin.API ? ProblemCode.API_MEMBER_MISSING
                : ProblemCode.MEMBER_MISSING;
    }

    private String origin(String owner, PluginClasses own) {
        switch (PlatformClasses.packageOrigin(owner)) {
            case API:
                return "the host's api";
            case SLF4J:
                return "the host's slf4j-api";
            default:
                if (platform.find(owner).isPresent()) {
                    return "the JDK (Java " + Runtime.version().feature() + ")";
                }
                return own.libOf(owner).orElse("the plugin's own classes");
        }
    }

    /** Fills in, for each finding, the methods and fields of the referrer that use the missing class or member. */
    static List<LinkageFinding> locate(List<LinkageFinding> findings, ClassBytes classFiles)
            throws IOException {
        List<LinkageFinding> located = new ArrayList<>(findings.size());
        for (LinkageFinding finding : findings) {
            Optional<byte[]> bytes = classFiles.read(finding.referrer() + ".class");
            if (bytes.isEmpty()) {
                located.add(finding);
                continue;
            }
            located.add(finding.located(ReferenceLocator.locate(bytes.get(), finding.missingClass().orElse(null),
                    finding.member().orElse(null))));
        }
        return located;
    }
}
