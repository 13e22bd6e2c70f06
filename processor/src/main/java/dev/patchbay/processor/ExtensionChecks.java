package dev.patchbay.processor;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Checks one {@code @Extension} class against the rules the host applies when it loads a plugin, and
 * reports every broken rule as a compile error on the class.
 *
 * @since 1.0.0
 */
final class ExtensionChecks {

    /** The host's rule for extension names ({@code PluginDiscovery.NAME}). */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private static final String NAME_RULE =
            "use lower case letters, digits and dashes, starting with a letter, such as 'csv-source'";

    private final Elements elements;
    private final Types types;
    private final Messager messager;

    ExtensionChecks(ProcessingEnvironment env) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.messager = env.getMessager();
    }

    /** Checks a class annotated {@code @Extension}; empty when it broke a rule, which is then reported. */
    Optional<Factory> check(TypeElement type, AnnotationMirror extension) {
        String className = type.getQualifiedName().toString();
        Set<FactoryKind> kinds = kindsOf(type);
        boolean valid = true;
        if (kinds.isEmpty()) {
            error(type, "@Extension class " + className + " implements none of dev.patchbay.api.SourceFactory,"
                    + " dev.patchbay.api.ProcessorFactory or dev.patchbay.api.SinkFactory; implement the"
                    + " factory interface of its kind, or remove @Extension");
            valid = false;
        }
        Optional<String> shape = whatIsWrong(type);
        if (shape.isPresent()) {
            error(type, "@Extension class " + className + " " + shape.get());
            valid = false;
        }
        Optional<String> name = validName(type, className, extension);
        if (!valid || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Factory(elements.getBinaryName(type).toString(), name.get(), kinds));
    }

    private Set<FactoryKind> kindsOf(TypeElement type) {
        Set<FactoryKind> kinds = EnumSet.noneOf(FactoryKind.class);
        for (FactoryKind kind : FactoryKind.values()) {
            TypeElement factory = elements.getTypeElement(kind.interfaceName());
            if (factory != null
                    && types.isSubtype(types.erasure(type.asType()), types.erasure(factory.asType()))) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** The first reason the host could not create the class through ServiceLoader, with its fix. */
    private static Optional<String> whatIsWrong(TypeElement type) {
        String simple = type.getSimpleName().toString();
        ElementKind kind = type.getKind();
        if (kind == ElementKind.INTERFACE || kind == ElementKind.ANNOTATION_TYPE) {
            return Optional.of("is an interface; put @Extension on the public concrete class that"
                    + " implements it instead");
        }
        if (kind == ElementKind.ENUM) {
            return Optional.of("is an enum, which has no public constructor; make it a public class with a"
                    + " public no-argument constructor");
        }
        Set<Modifier> modifiers = type.getModifiers();
        if (type.getNestingKind() == NestingKind.MEMBER && !modifiers.contains(Modifier.STATIC)) {
            return Optional.of("is an inner class, which needs an enclosing instance; declare it"
                    + " 'public static class " + simple + "' or move it to a top-level class");
        }
        if (!modifiers.contains(Modifier.PUBLIC)) {
            return Optional.of("is not public; declare it 'public class " + simple + "' so that the host's"
                    + " ServiceLoader can create it");
        }
        if (modifiers.contains(Modifier.ABSTRACT)) {
            return Optional.of("is abstract; make it concrete, or move @Extension to a concrete subclass");
        }
        boolean noArg = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .anyMatch(c -> c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC));
        if (!noArg) {
            return Optional.of("has no public no-argument constructor; add 'public " + simple + "() {}'"
                    + " (the host creates factories through ServiceLoader and passes settings to create())");
        }
        return Optional.empty();
    }

    private Optional<String> validName(TypeElement type, String className, AnnotationMirror extension) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> element
                : elements.getElementValuesWithDefaults(extension).entrySet()) {
            if (!element.getKey().getSimpleName().contentEquals("name")) {
                continue;
            }
            AnnotationValue value = element.getValue();
            if (!(value.getValue() instanceof String name)) {
                return Optional.empty(); // javac has already reported the malformed annotation
            }
            if (name.isBlank()) {
                error(type, extension, value, "@Extension name of " + className + " is blank ('" + name
                        + "'); give it a name: " + NAME_RULE);
                return Optional.empty();
            }
            if (!NAME.matcher(name).matches()) {
                error(type, extension, value, "@Extension name '" + name + "' of " + className
                        + " is invalid; " + NAME_RULE);
                return Optional.empty();
            }
            return Optional.of(name);
        }
        return Optional.empty(); // name() has no default: javac has already reported its absence
    }

    private void error(TypeElement type, String message) {
        messager.printMessage(Diagnostic.Kind.ERROR, message, type);
    }

    private void error(TypeElement type, AnnotationMirror annotation, AnnotationValue value, String message) {
        messager.printMessage(Diagnostic.Kind.ERROR, message, type, annotation, value);
    }
}
