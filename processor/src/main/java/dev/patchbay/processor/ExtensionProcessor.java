package dev.patchbay.processor;

import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Lists every class annotated {@code @dev.patchbay.api.Extension} in the {@code META-INF/services} file
 * of each factory interface it implements ({@code SourceFactory}, {@code ProcessorFactory},
 * {@code SinkFactory}), and fails the compilation for a factory the host would refuse: one that
 * implements no factory interface, is not a public concrete static class with a public no-argument
 * constructor, has an invalid extension name, or repeats the name of another factory of its kind.
 *
 * <p>Entries are sorted binary names, merged with whatever the service file already holds in the class
 * output. The files are written once, when processing is over.
 *
 * @since 1.0.0
 */
public final class ExtensionProcessor extends AbstractProcessor {

    static final String EXTENSION = "dev.patchbay.api.Extension";

    private ExtensionChecks checks;
    private ServiceFiles serviceFiles;

    /** Creates the processor; javac does so through {@link java.util.ServiceLoader}. */
    public ExtensionProcessor() {
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        checks = new ExtensionChecks(env);
        serviceFiles = new ServiceFiles(env.getFiler(), env.getMessager());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(EXTENSION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element instanceof TypeElement type) {
                    extensionOf(type).flatMap(mirror -> checks.check(type, mirror))
                            .ifPresent(factory -> register(type, factory));
                }
            }
        }
        if (round.processingOver()) {
            serviceFiles.write();
        }
        return true;
    }

    private void register(TypeElement type, Factory factory) {
        for (FactoryKind kind : factory.kinds()) {
            serviceFiles.claim(kind, factory).ifPresent(other -> processingEnv.getMessager().printMessage(
                    Diagnostic.Kind.ERROR, "@Extension name '" + factory.name() + "' of "
                            + type.getQualifiedName() + " is already used by " + kind.label() + " factory "
                            + other.replace('$', '.') + "; give each " + kind.label()
                            + " factory of the plugin a unique @Extension name", type));
        }
    }

    private static Optional<AnnotationMirror> extensionOf(TypeElement type) {
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            Element annotationType = mirror.getAnnotationType().asElement();
            if (annotationType instanceof TypeElement t && t.getQualifiedName().contentEquals(EXTENSION)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }
}
