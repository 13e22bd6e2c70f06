package dev.patchbay.host.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the JDK's own message of a class-loading failure names: the class, the member it lacks, and the class loaders
 * it mentions with their identity hashes. Read from the text because the JDK gives nothing else: a
 * {@link ClassCastException} or {@link LinkageError} carries no reference to the classes or loaders involved. The
 * patterns are JDK 17's (HotSpot) messages; a message in another shape yields the class name alone or nothing.
 *
 * @param kind the simple name of the error, such as {@code NoSuchMethodError}
 * @param classes the classes named, in the order the message names them: for a cast, the object's class then the
 *        target class
 * @param member the missing method or field as the JDK prints it, such as {@code 'void a.X.m()'}; empty if none
 * @param loaders per class named with a loader, the loader's identity hash in hex; a class can be named twice
 *        (both sides of {@code a.X cannot be cast to a.X}), so this is a list in the message's order
 */
record LinkageMessage(String kind, List<String> classes, String member, List<Loader> loaders) {

    /**
     * A loader as the message names it.
     *
     * @param className the class the message places in it
     * @param name the loader's name or class as printed, such as {@code 'app'} or {@code java.net.URLClassLoader}
     * @param hash its identity hash in hex; empty for the JDK's named loaders, which print none
     */
    record Loader(String className, String name, String hash) {
        Loader {
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(hash, "hash");
        }
    }

    private static final String NAME = "[\\w$]+(?:\\.[\\w$]+)*";
    private static final Pattern CAST = Pattern.compile("class (" + NAME + ") cannot be cast to class (" + NAME + ")");
    private static final Pattern IN_LOADER = Pattern.compile("(" + NAME + ") is in (?:unnamed module|module \\S+) of "
            + "loader ('[^']*'|" + NAME + ")(?: @([0-9a-f]+))?");
    private static final Pattern ANY_LOADER = Pattern.compile("loader ('[^']*'|" + NAME + ") @([0-9a-f]+)");
    private static final Pattern METHOD = Pattern.compile("'[\\w.$\\[\\]]+ (" + NAME + ")\\.([\\w$<>]+)\\(.*\\)'");
    private static final Pattern FIELD = Pattern.compile("'[\\w.$\\[\\]]+ (" + NAME + ")\\.([\\w$]+)'");
    private static final Pattern FOUND = Pattern.compile("Found (?:interface|class) (" + NAME + "), but");
    private static final Pattern NOT_IMPLEMENT = Pattern.compile("does not implement the requested interface ("
            + NAME + ")");
    private static final Pattern RESOLVED_OF = Pattern.compile("of (?:interface|class) (" + NAME + ")\\.?$");
    private static final Pattern TYPE = Pattern.compile("the type ([\\w/$]+)");
    private static final Pattern DEFINITION = Pattern.compile("definition for (?:name: \"([\\w/$]+)\"|(" + NAME + "))");
    private static final Pattern INITIALIZE = Pattern.compile("Could not initialize class (" + NAME + ")");
    /** Bounds the walk down a cause chain that a plugin's exception could make circular. */
    private static final int MAX_DEPTH = 32;
    private static final Pattern BARE = Pattern.compile("[\\w/$.]+");

    LinkageMessage {
        Objects.requireNonNull(kind, "kind");
        classes = List.copyOf(classes);
        Objects.requireNonNull(member, "member");
        loaders = List.copyOf(loaders);
    }

    /**
     * The first cast or linkage failure in the cause chain that names a class, read; empty if there is none. One
     * that names none, such as an {@link ExceptionInInitializerError} wrapping what the initialiser threw, is passed
     * over for its causes.
     */
    static Optional<LinkageMessage> of(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (cause instanceof ClassCastException || cause instanceof LinkageError) {
                Optional<LinkageMessage> read = parse(cause);
                if (read.isPresent()) {
                    return read;
                }
            }
        }
        return Optional.empty();
    }

    static Optional<LinkageMessage> parse(Throwable error) {
        String text = error.getMessage();
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String kind = error.getClass().getSimpleName();
        List<String> ordered = new ArrayList<>();
        String member = "";
        if (error instanceof ClassCastException) {
            Matcher cast = CAST.matcher(text);
            if (!cast.find()) {
                return Optional.empty();
            }
            ordered.add(cast.group(1));
            ordered.add(cast.group(2));
        } else if (error instanceof NoSuchMethodError || error instanceof NoSuchFieldError) {
            Matcher method = (error instanceof NoSuchMethodError ? METHOD : FIELD).matcher(text);
            if (method.find()) {
                ordered.add(method.group(1));
                member = method.group();
            }
        } else if (error instanceof NoClassDefFoundError) {
            Matcher initialize = INITIALIZE.matcher(text);
            if (initialize.find()) {
                ordered.add(initialize.group(1));
            } else if (BARE.matcher(text.trim()).matches()) {
                ordered.add(text.trim().replace('/', '.'));
            }
        } else if (error instanceof InstantiationError && BARE.matcher(text.trim()).matches()) {
            ordered.add(text.trim().replace('/', '.'));
        } else {
            firstGroup(FOUND, text).or(() -> firstGroup(NOT_IMPLEMENT, text))
                    .or(() -> firstGroup(RESOLVED_OF, text)).or(() -> firstGroup(TYPE, text))
                    .or(() -> firstGroup(DEFINITION, text)).map(name -> name.replace('/', '.'))
                    .ifPresent(ordered::add);
        }
        List<Loader> loaders = new ArrayList<>();
        Matcher inLoader = IN_LOADER.matcher(text);
        while (inLoader.find()) {
            loaders.add(new Loader(inLoader.group(1), inLoader.group(2),
                    inLoader.group(3) == null ? "" : inLoader.group(3)));
        }
        if (loaders.isEmpty() && !ordered.isEmpty()) {
            Matcher any = ANY_LOADER.matcher(text);
            while (any.find()) {
                loaders.add(new Loader(ordered.get(0), any.group(1), any.group(2)));
            }
        }
        if (ordered.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LinkageMessage(kind, ordered, member, loaders));
    }

    private static Optional<String> firstGroup(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        for (int group = 1; group <= matcher.groupCount(); group++) {
            if (matcher.group(group) != null) {
                return Optional.of(matcher.group(group));
            }
        }
        return Optional.empty();
    }
}
