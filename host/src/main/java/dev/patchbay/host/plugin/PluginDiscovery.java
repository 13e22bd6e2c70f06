package dev.patchbay.host.plugin;

import dev.patchbay.api.ApiVersion;
import dev.patchbay.api.Extension;
import dev.patchbay.api.Sequential;
import dev.patchbay.api.ExtensionFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Code-free discovery of one archive: reads the manifest, the three api service files, the factory
 * class files and the constant pool of every class file (calls that end the JVM, {@link ExitCallCheck}),
 * and never creates a class loader or runs plugin code. A disabled plugin is read only as far
 * as its manifest. Thread-safe: it holds no state besides its immutable configuration, so archives are
 * discovered in parallel.
 */
final class PluginDiscovery {

    private static final Logger log = LoggerFactory.getLogger(PluginDiscovery.class);

    static final String API_PREFIX = "dev/patchbay/api/";
    private static final String EXTENSION_DESCRIPTOR = "L" + Extension.class.getName().replace('.', '/') + ";";
    private static final String SEQUENTIAL = "L" + Sequential.class.getName().replace('.', '/') + ";";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern BINARY_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*(\\$\\p{javaJavaIdentifierPart}+)*");

    private final Versions versions;
    private final String apiVersion;
    private final ArchiveChecks archiveChecks;
    private final Optional<PluginLinkage> linkage;

    /** @param linkage the linkage check, or empty to skip it (the start-up benchmark's baseline) */
    PluginDiscovery(Versions versions, String apiVersion, ArchiveChecks archiveChecks,
            Optional<PluginLinkage> linkage) {
        this.versions = Objects.requireNonNull(versions, "versions");
        this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
        this.archiveChecks = Objects.requireNonNull(archiveChecks, "archiveChecks");
        this.linkage = Objects.requireNonNull(linkage, "linkage");
    }

    PluginDiscovery(Versions versions, String apiVersion, ArchiveChecks archiveChecks) {
        this(versions, apiVersion, archiveChecks, Optional.of(new PluginLinkage(apiVersion, Optional.empty())));
    }

    PluginDiscovery(Versions versions, String apiVersion) {
        this(versions, apiVersion, ArchiveChecks.forPolicy(ArchivePolicy.none()));
    }

    PluginDiscovery() {
        this(new Versions(), ApiVersion.current());
    }

    String apiVersion() {
        return apiVersion;
    }

    /**
     * Reads only the archive's manifest: what a start of a few plugins needs to know which archives they and their
     * dependencies are, before it discovers those. Empty when the manifest cannot be read or names no id, so that
     * the caller discovers the archive at once and reports its problem.
     */
    Optional<PluginManifest> manifest(Path path) {
        try {
            PluginManifest descriptor = PluginManifest.parse(PluginArchive.of(path).orElse(PluginArchive.JAR)
                    .readManifest(path), path.getFileName().toString(), versions);
            return descriptor.hasId() ? Optional.of(descriptor) : Optional.empty();
        } catch (PluginArchive.ArchiveException unreadable) {
            return Optional.empty();
        }
    }

    DiscoveredPlugin discover(Path path, PluginSelection selection) {
        DiscoveredPlugin discovered = read(path, selection);
        if (log.isDebugEnabled()) {
            logDiscovered(path, discovered);
        }
        return discovered;
    }

    /** Once the id is known it stands in the MDC, as on every other line about the plugin. */
    private void logDiscovered(Path path, DiscoveredPlugin discovered) {
        PluginInfo info = discovered.info();
        String previous = MDC.get(PluginScope.MDC_PLUGIN);
        MDC.put(PluginScope.MDC_PLUGIN, info.id());
        try {
            log.debug("Discovered plugin '{}' {} in {}: requires api '{}' (host has {}), class path {}, {} "
                    + "extension(s) {}, state {}{}", info.id(), info.version(), path, info.requires(), apiVersion,
                    discovered.roots(), info.extensions().size(),
                    info.extensions().stream().map(e -> e.kind().label() + " " + e.name() + " = " + e.className())
                            .toList(),
                    info.state(), info.problems().isEmpty() ? "" : ", problems " + info.problems());
        } finally {
            if (previous == null) {
                MDC.remove(PluginScope.MDC_PLUGIN);
            } else {
                MDC.put(PluginScope.MDC_PLUGIN, previous);
            }
        }
    }

    private DiscoveredPlugin read(Path path, PluginSelection selection) {
        String file = path.getFileName().toString();
        PluginArchive archive = PluginArchive.of(path).orElse(PluginArchive.JAR);
        Manifest manifest;
        try {
            manifest = archive.readManifest(path);
        } catch (PluginArchive.ArchiveException e) {
            return failedWithoutManifest(path, e.problem());
        }
        PluginManifest descriptor = PluginManifest.parse(manifest, file, versions);
        if (descriptor.hasId() && !selection.isEnabled(descriptor.id(), descriptor.version())) {
            return new DiscoveredPlugin(info(descriptor, path, PluginState.DISABLED, List.of(), List.of()),
                    Optional.of(descriptor), List.of(), Set.of(), Optional.empty());
        }
        // The manifest only names the plugin; nothing else of an archive is read before it passes these checks.
        ArchiveCheck.Findings checked = archiveChecks.check(path);
        if (!checked.refusals().isEmpty()) {
            return new DiscoveredPlugin(info(descriptor, path, PluginState.FAILED, List.of(), checked.refusals())
                    .withWarnings(checked.warnings()).withSigners(checked.signers()), Optional.of(descriptor),
                    List.of(), Set.of(), Optional.empty());
        }
        DiscoveredPlugin discovered = readContent(path, archive, descriptor, selection);
        return discovered.withInfo(discovered.info().withWarnings(checked.warnings())
                .withSigners(checked.signers()));
    }

    private DiscoveredPlugin readContent(Path path, PluginArchive archive, PluginManifest descriptor,
            PluginSelection selection) {
        String file = path.getFileName().toString();
        List<Problem> problems = new ArrayList<>(descriptor.problems());
        checkApiRange(descriptor, file, problems);
        if (!descriptor.hasId()) {
            return new DiscoveredPlugin(info(descriptor, path, PluginState.FAILED, List.of(), problems),
                    Optional.of(descriptor), List.of(), Set.of(), Optional.empty());
        }
        PluginArchive.Layout layout;
        try {
            layout = archive.layout(path, descriptor.id());
        } catch (PluginArchive.ArchiveException e) {
            problems.add(e.problem());
            return new DiscoveredPlugin(info(descriptor, path, PluginState.FAILED, List.of(), problems),
                    Optional.of(descriptor), List.of(), Set.of(), Optional.empty());
        }
        // A jar is loaded from its staged copy: check the copy too, so that a jar swapped between the check and the
        // copy is refused (time of check against time of use). See "The lockfile" in design/CODE.md.
        List<Problem> staged = archive == PluginArchive.JAR
                ? archiveChecks.check(layout.roots().get(0)).refusals() : List.of();
        if (!staged.isEmpty()) {
            problems.addAll(staged);
            return new DiscoveredPlugin(info(descriptor, path, PluginState.FAILED, List.of(), problems),
                    Optional.of(descriptor), List.of(), Set.of(), layout.tempDirectory());
        }
        List<ExtensionDescriptor> extensions = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        LinkageCheck.Deferred deferred = LinkageCheck.Deferred.NONE;
        Set<String> packages = Set.of();
        try (PluginContent content = PluginContent.open(layout.roots())) {
            checkBundledApi(descriptor.id(), content, problems);
            Path self = archive == PluginArchive.JAR ? layout.roots().get(0) : path;
            Optional<LinkageCache.Key> key = linkage.flatMap(check -> check.key(path));
            Optional<PluginLinkage.Result> cached = key.flatMap(k -> linkage.orElseThrow().cached(k));
            ClassPathPass pass = new ClassPathPass(self, !selection.mayExit(descriptor.id()),
                    linkage.isPresent() && cached.isEmpty(), factoryClasses(content));
            pass.run(content);
            ExitCallCheck.report(descriptor, path, pass.exitCalls()).ifPresent(problems::add);
            packages = content.packages();
            for (ExtensionKind kind : ExtensionKind.values()) {
                readExtensions(descriptor.id(), kind, content, pass, extensions, problems);
            }
            if (linkage.isPresent()) {
                PluginLinkage.Result linked = cached.isPresent() ? cached.get() : linkage.get().atDiscovery(
                        descriptor, file, content, pass.classes().orElseThrow(), packages);
                if (cached.isEmpty()) {
                    key.ifPresent(k -> linkage.orElseThrow().remember(k, linked));
                }
                problems.addAll(linked.problems());
                warnings.addAll(linked.warnings());
                deferred = linked.deferred();
            }
        } catch (PluginContent.UnreadableRootException e) {
            problems.add(new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin '" + descriptor.id() + "' (" + file
                    + ") contains '" + e.root().getFileName() + "', which is not a readable jar ("
                    + e.getCause().getMessage() + "); replace it with an intact copy"));
        } catch (IOException e) {
            problems.add(new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin '" + descriptor.id() + "' (" + file
                    + ") cannot be read: " + e.getMessage() + "; rebuild the plugin"));
        }
        extensions.sort(Comparator.comparing(ExtensionDescriptor::kind).thenComparing(ExtensionDescriptor::name));
        PluginState state = problems.isEmpty() ? PluginState.RESOLVED : PluginState.FAILED;
        return new DiscoveredPlugin(info(descriptor, path, state, extensions, problems).withWarnings(warnings),
                Optional.of(descriptor), layout.roots(), packages, layout.tempDirectory(), deferred);
    }

    private void checkApiRange(PluginManifest descriptor, String file, List<Problem> problems) {
        if (!versions.isValidRange(descriptor.requires()) || versions.satisfies(apiVersion, descriptor.requires())) {
            return;
        }
        String id = descriptor.id();
        String version = descriptor.version().isEmpty() ? "" : " " + descriptor.version();
        problems.add(new Problem(ProblemCode.API_INCOMPATIBLE, "plugin '" + id + "'" + version + " (" + file
                + ") requires api " + descriptor.requires() + " but this host provides api " + apiVersion
                + "; install a " + id + " version built for api " + Versions.major(apiVersion)
                + ".x or upgrade the host"));
    }

    private static void checkBundledApi(String id, PluginContent content, List<Problem> problems)
            throws IOException {
        for (Path root : content.rootsContaining(API_PREFIX)) {
            problems.add(new Problem(ProblemCode.BUNDLES_API, "plugin '" + id + "' bundles the Patchbay api classes"
                    + " (dev/patchbay/api) in '" + root.getFileName() + "', so its factories would not be the"
                    + " host's types; mark patchbay-api as <scope>provided</scope> in the plugin's pom and rebuild"));
        }
    }

    /** The internal names of the classes the service files list, for the class path pass to parse as they pass. */
    private static Set<String> factoryClasses(PluginContent content) throws IOException {
        Set<String> names = new HashSet<>();
        for (ExtensionKind kind : ExtensionKind.values()) {
            content.serviceProviders(kind.serviceFile()).forEach(name -> names.add(name.replace('.', '/')));
        }
        return names;
    }

    private void readExtensions(String id, ExtensionKind kind, PluginContent content, ClassPathPass pass,
            List<ExtensionDescriptor> extensions, List<Problem> problems) throws IOException {
        Set<String> names = new HashSet<>();
        String serviceFile = kind.serviceFile();
        String target = kind.factoryType().getName().replace('.', '/');
        for (String className : content.serviceProviders(serviceFile)) {
            String where = "plugin '" + id + "' lists '" + className + "' in " + serviceFile;
            if (!BINARY_NAME.matcher(className).matches()) {
                problems.add(new Problem(ProblemCode.EXTENSION_CLASS_MISSING, where
                        + ", which is not a class name; write one fully qualified class name per line"));
                continue;
            }
            String internal = className.replace('.', '/');
            Optional<ClassFile> parsed;
            try {
                parsed = pass.factory(internal);
                if (parsed.isEmpty()) {
                    Optional<byte[]> bytes = content.read(internal + ".class");
                    if (bytes.isEmpty()) {
                        problems.add(new Problem(ProblemCode.EXTENSION_CLASS_MISSING, where + ", but its jar and lib/"
                                + " contain no such class; correct the service file or add the class"));
                        continue;
                    }
                    parsed = Optional.of(ClassFile.parse(bytes.get()));
                }
            } catch (IOException e) {
                problems.add(new Problem(ProblemCode.CORRUPT_ARCHIVE, where + ", but its class file is unreadable ("
                        + e.getMessage() + "); rebuild the plugin"));
                continue;
            }
            ClassFile classFile = parsed.get();
            if (inherits(internal, target, supertypesOf(content, pass), new HashSet<>()) == Answer.NO) {
                problems.add(new Problem(ProblemCode.EXTENSION_WRONG_TYPE, where + ", but the class does not"
                        + " implement " + kind.factoryType().getName() + "; implement that interface or list the"
                        + " class in the service file of the interface it implements"));
                continue;
            }
            if (!classFile.isPublic() || !classFile.isConcreteClass() || !classFile.hasPublicNoArgConstructor()) {
                problems.add(new Problem(ProblemCode.EXTENSION_NOT_INSTANTIABLE, where + ", but the class is "
                        + whatIsWrong(classFile) + "; ServiceLoader needs a public concrete class with a public"
                        + " no-argument constructor"));
                continue;
            }
            Optional<ClassFile.Annotation> annotation = classFile.annotation(EXTENSION_DESCRIPTOR);
            if (annotation.isEmpty()) {
                problems.add(new Problem(ProblemCode.EXTENSION_DESCRIPTOR, where + ", but the class has no @"
                        + Extension.class.getName() + " annotation; add @Extension(name = \"...\", description = \"...\")"));
                continue;
            }
            Map<String, String> elements = annotation.get().strings();
            String name = elements.getOrDefault("name", "");
            if (!NAME.matcher(name).matches()) {
                problems.add(new Problem(ProblemCode.EXTENSION_DESCRIPTOR, where + ", but its @Extension name '"
                        + name + "' is invalid; use lower case letters, digits and dashes, starting with a letter"));
                continue;
            }
            if (!names.add(name)) {
                problems.add(new Problem(ProblemCode.EXTENSION_DESCRIPTOR, where + ", but another " + kind.label()
                        + " of the plugin is already named '" + name + "'; give each " + kind.label()
                        + " a unique @Extension name"));
                continue;
            }
            extensions.add(new ExtensionDescriptor(kind, name, elements.getOrDefault("description", ""), className,
                    classFile.annotation(SEQUENTIAL).isEmpty()));
        }
    }

    private static String whatIsWrong(ClassFile classFile) {
        if (!classFile.isPublic()) {
            return "not public";
        }
        if (!classFile.isConcreteClass()) {
            return "abstract, an interface, an enum or an annotation";
        }
        return "missing a public no-argument constructor";
    }

    /** Whether a class implements the target type; UNKNOWN when its hierarchy leaves the plugin. */
    enum Answer { YES, NO, UNKNOWN }

    /** Finds a class file of the plugin by internal name without loading it; empty when the plugin has none. */
    @FunctionalInterface
    interface ClassLookup {
        Optional<ClassFile> find(String internal) throws IOException;
    }

    /** The super class and interfaces of a class of the plugin by internal name; empty when the plugin has none. */
    @FunctionalInterface
    interface SupertypeLookup {
        Optional<List<String>> supertypes(String internal) throws IOException;
    }

    static ClassLookup classesOf(PluginContent content) {
        return internal -> {
            Optional<byte[]> bytes = content.read(internal + ".class");
            return bytes.isEmpty() ? Optional.empty() : Optional.of(ClassFile.parse(bytes.get()));
        };
    }

    /**
     * The supertypes as the class path pass already read them: the factory classes it parsed, then the classes the
     * linkage check collected; only a class neither holds is read and parsed again.
     */
    static SupertypeLookup supertypesOf(PluginContent content, ClassPathPass pass) {
        SupertypeLookup read = supertypesOf(classesOf(content));
        return internal -> {
            Optional<ClassFile> factory = pass.factory(internal);
            if (factory.isPresent()) {
                return Optional.of(supertypes(factory.get().interfaces(), factory.get().superName()));
            }
            Optional<ClassReferences> collected = pass.classes().flatMap(classes -> classes.find(internal));
            if (collected.isPresent()) {
                return Optional.of(supertypes(collected.get().interfaces(), collected.get().superName()));
            }
            return read.supertypes(internal);
        };
    }

    static SupertypeLookup supertypesOf(ClassLookup classes) {
        return internal -> classes.find(internal)
                .map(classFile -> supertypes(classFile.interfaces(), classFile.superName()));
    }

    /** The interfaces, then the super class: the order the type check walks them in. */
    private static List<String> supertypes(List<String> interfaces, Optional<String> superName) {
        List<String> supertypes = new ArrayList<>(interfaces);
        superName.ifPresent(supertypes::add);
        return supertypes;
    }

    static Answer implementsType(String internal, String target, ClassLookup classes, Set<String> seen)
            throws IOException {
        return inherits(internal, target, supertypesOf(classes), seen);
    }

    /** As {@link #implementsType}, with each class's supertypes from {@code classes}. */
    static Answer inherits(String internal, String target, SupertypeLookup classes, Set<String> seen)
            throws IOException {
        if (internal.equals(target)) {
            return Answer.YES;
        }
        if (!seen.add(internal)) {
            return Answer.NO;
        }
        if (internal.startsWith(API_PREFIX)) {
            try {
                ClassLoader api = ExtensionFactory.class.getClassLoader();
                Class<?> type = Class.forName(internal.replace('/', '.'), false, api);
                Class<?> wanted = Class.forName(target.replace('/', '.'), false, api);
                return wanted.isAssignableFrom(type) ? Answer.YES : Answer.NO;
            } catch (ClassNotFoundException e) {
                return Answer.NO;
            }
        }
        if (internal.startsWith("java/") || internal.startsWith("javax/") || internal.startsWith("jdk/")) {
            return Answer.NO;
        }
        Optional<List<String>> found = classes.supertypes(internal);
        if (found.isEmpty()) {
            return Answer.UNKNOWN;
        }
        Answer answer = Answer.NO;
        for (String supertype : found.get()) {
            Answer answerOfSupertype = inherits(supertype, target, classes, seen);
            if (answerOfSupertype == Answer.YES) {
                return Answer.YES;
            }
            if (answerOfSupertype == Answer.UNKNOWN) {
                answer = Answer.UNKNOWN;
            }
        }
        return answer;
    }

    private static DiscoveredPlugin failedWithoutManifest(Path path, Problem problem) {
        PluginInfo info = new PluginInfo(path.getFileName().toString(), "", "", "", "", "*", List.of(), path,
                PluginState.FAILED, List.of(), List.of(problem));
        return new DiscoveredPlugin(info, Optional.empty(), List.of(), Set.of(), Optional.empty());
    }

    private static PluginInfo info(PluginManifest descriptor, Path path, PluginState state,
            List<ExtensionDescriptor> extensions, List<Problem> problems) {
        return new PluginInfo(descriptor.id(), descriptor.version(), descriptor.provider(), descriptor.license(),
                descriptor.description(), descriptor.requires(), descriptor.dependencies(), path, state, extensions,
                problems);
    }
}
