package dev.patchbay.host.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Resolves the references a stage setting's string may hold, as Kafka Connect's config providers do:
 * {@code ${env:NAME}} is the environment variable {@code NAME}, {@code ${file:path}} is the file's content (UTF-8,
 * one trailing newline removed, a relative path resolved against the Patchbay home). References may be embedded
 * in a longer string; {@code $${} stands for a literal {@code ${}. Every other {@code ${} is an error, so that a
 * misspelt reference is never passed on as text.
 *
 * <p>Messages and fixes name the reference, the variable or the file, never the resolved value.
 */
final class SettingReferences {

    private static final String ESCAPE = "$${";
    private static final String START = "${";
    private static final String LITERAL = "; write $${ for a literal ${";

    private final Function<String, String> environment;
    private final Path home;

    /**
     * @param environment the process environment, such as {@code System::getenv}; null for a variable not set
     * @param home the Patchbay home, against which a relative {@code ${file:path}} is resolved
     */
    SettingReferences(Function<String, String> environment, Path home) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.home = Objects.requireNonNull(home, "home");
    }

    /**
     * A string with its references resolved.
     *
     * @param value the resolved string
     * @param referenced whether it held at least one reference, so that it must not be shown
     */
    record Resolved(String value, boolean referenced) {
        Resolved {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A reference that cannot be resolved: the message names it, {@link #fix} says what to do. */
    static final class Unresolvable extends Exception {

        private static final long serialVersionUID = 1L;

        private final String fix;

        Unresolvable(String message, String fix, Throwable cause) {
            super(message, cause);
            this.fix = fix;
        }

        String fix() {
            return fix;
        }
    }

    /** Resolves every reference and escape in {@code text}. */
    Resolved resolve(String text) throws Unresolvable {
        if (!text.contains(START)) {
            return new Resolved(text, false);
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean referenced = false;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith(ESCAPE, i)) {
                out.append(START);
                i += ESCAPE.length();
            } else if (text.startsWith(START, i)) {
                int end = text.indexOf('}', i + START.length());
                if (end < 0) {
                    throw new Unresolvable("the \"${\" at character " + (i + 1) + " has no closing '}'",
                            "close the reference, as in ${env:NAME} or ${file:path}" + LITERAL, null);
                }
                out.append(reference(text.substring(i, end + 1)));
                referenced = true;
                i = end + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return new Resolved(out.toString(), referenced);
    }

    private String reference(String reference) throws Unresolvable {
        String body = reference.substring(START.length(), reference.length() - 1);
        if (body.startsWith("env:")) {
            return variable(reference, body.substring("env:".length()));
        } else if (body.startsWith("file:")) {
            return file(reference, body.substring("file:".length()));
        }
        throw new Unresolvable("unknown kind of reference " + reference,
                "write ${env:NAME} for an environment variable or ${file:path} for a file's content" + LITERAL, null);
    }

    private String variable(String reference, String name) throws Unresolvable {
        if (name.isEmpty()) {
            throw new Unresolvable(reference + " names no environment variable",
                    "write the variable's name, as in ${env:DB_PASSWORD}" + LITERAL, null);
        }
        String value = environment.apply(name);
        if (value == null) {
            throw new Unresolvable("the environment variable " + name + " that " + reference + " refers to is not set",
                    "set " + name + " in the environment of the patchbay process, or correct the name", null);
        }
        return value;
    }

    private String file(String reference, String name) throws Unresolvable {
        String fix = "create it, readable by this user, or correct the path; a relative path is relative to the "
                + "Patchbay home " + home;
        Path file;
        try {
            file = home.resolve(name).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new Unresolvable(reference + " names no valid path: " + e.getReason(), fix, e);
        }
        if (name.isEmpty()) {
            throw new Unresolvable(reference + " names no file", "write the file's path, as in ${file:secrets/db}"
                    + LITERAL, null);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Unresolvable("the file " + file + " that " + reference + " refers to does not exist", fix, e);
        } catch (IOException e) {
            throw new Unresolvable("the file " + file + " that " + reference + " refers to cannot be read: "
                    + e.getClass().getSimpleName(), fix, e);
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // The decoder's message is only the failing byte count; the content is not quoted.
            throw new Unresolvable("the file " + file + " that " + reference + " refers to is not valid UTF-8",
                    "save it as UTF-8", e);
        }
        if (content.endsWith("\r\n")) {
            return content.substring(0, content.length() - 2);
        }
        return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    }
}
