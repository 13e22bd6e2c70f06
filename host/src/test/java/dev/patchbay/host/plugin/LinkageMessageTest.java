package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading the JDK's own class-loading messages, each provoked for real by {@link LinkageErrors}. */
class LinkageMessageTest {

    @TempDir
    static Path folder;

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("cast between loaders", (Function<LinkageErrors, Throwable>) LinkageErrors::castBetweenLoaders,
                        "ClassCastException", List.of("a.X", "a.X"), "", 2),
                Arguments.of("missing method", (Function<LinkageErrors, Throwable>) LinkageErrors::missingMethod,
                        "NoSuchMethodError", List.of("a.X"), "'void a.X.m()'", 0),
                Arguments.of("missing class", (Function<LinkageErrors, Throwable>) LinkageErrors::missingClass,
                        "NoClassDefFoundError", List.of("a.X"), "", 0),
                Arguments.of("interface for class", (Function<LinkageErrors, Throwable>) LinkageErrors::interfaceForClass,
                        "IncompatibleClassChangeError", List.of("a.X"), "", 0),
                Arguments.of("abstract now", (Function<LinkageErrors, Throwable>) LinkageErrors::abstractNow,
                        "InstantiationError", List.of("a.X"), "", 0),
                Arguments.of("abstract method", (Function<LinkageErrors, Throwable>) LinkageErrors::abstractMethod,
                        "AbstractMethodError", List.of("a.I"), "", 0),
                Arguments.of("loader constraint", (Function<LinkageErrors, Throwable>) LinkageErrors::loaderConstraint,
                        "LinkageError", List.of("a.X"), "", 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void readsTheClassTheMemberAndTheLoaders(String name, Function<LinkageErrors, Throwable> provoke, String kind,
            List<String> classes, String member, int loaders) {
        Throwable failure = provoke.apply(new LinkageErrors(folder.resolve(name.replace(' ', '-'))));

        LinkageMessage message = LinkageMessage.of(new RuntimeException("wrapped", failure)).orElseThrow(
                () -> new AssertionError("nothing read from " + failure));

        assertThat(message.kind()).as(failure.toString()).isEqualTo(kind);
        assertThat(message.classes()).as(failure.toString()).containsExactlyElementsOf(classes);
        assertThat(message.member()).as(failure.toString()).isEqualTo(member);
        assertThat(message.loaders().stream().map(LinkageMessage.Loader::hash).distinct())
                .as(failure.toString()).hasSize(loaders);
    }

    @Test
    void theLoaderHashesAreTheLoadersIdentityHashes() {
        Throwable failure = new LinkageErrors(folder.resolve("hashes")).castBetweenLoaders();

        LinkageMessage message = LinkageMessage.of(failure).orElseThrow();

        assertThat(message.loaders()).extracting(LinkageMessage.Loader::name)
                .containsOnly("java.net.URLClassLoader");
        assertThat(message.loaders().get(0).hash()).isNotEqualTo(message.loaders().get(1).hash());
    }

    @Test
    void aMissingFieldIsReadWithoutAClassWhenTheJdkNamesOnlyTheField() {
        Throwable failure = new LinkageErrors(folder.resolve("field")).missingField();

        assertThat(failure).isInstanceOf(NoSuchFieldError.class);
        // JDK 17 prints only the field's name; there is no class to place.
        assertThat(LinkageMessage.of(failure)).isEmpty();
    }

    @Test
    void otherFailuresAndCastsWithinOneLoaderAreNotClassLoadingFailures() {
        assertThat(LinkageMessage.of(new IllegalStateException("broken"))).isEmpty();
        assertThat(LinkageMessage.of(new ClassCastException("class java.lang.String cannot be cast to class "
                + "java.lang.Integer (java.lang.String and java.lang.Integer are in module java.base of loader "
                + "'bootstrap')")).orElseThrow().loaders()).isEmpty();
    }
}
