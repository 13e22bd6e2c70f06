package dev.patchbay.host.plugin;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A class name as an operator types it: a binary name ({@code com.acme.Widget}, {@code com.acme.Widget$Part}), an
 * internal name ({@code com/acme/Widget}) or either followed by {@code .class}, as a jar listing shows it. All four
 * forms mean the same class, since copying a name from {@code jar tf} or from a {@code NoClassDefFoundError} (which
 * prints the internal name) should just work.
 *
 * @param binaryName the dotted binary name, such as {@code com.acme.Widget$Part}
 */
public record ClassName(String binaryName) {

    private static final String PART = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";
    private static final Pattern BINARY = Pattern.compile(PART + "(\\." + PART + ")*");

    public ClassName {
        Objects.requireNonNull(binaryName, "binaryName");
        if (!BINARY.matcher(binaryName).matches()) {
            throw new IllegalArgumentException(invalid(binaryName));
        }
    }

    /**
     * Reads any of the four forms.
     *
     * @throws IllegalArgumentException naming the text and the forms accepted
     */
    public static ClassName parse(String text) {
        Objects.requireNonNull(text, "text");
        String name = text.endsWith(".class") ? text.substring(0, text.length() - ".class".length()) : text;
        if (name.contains(".") && name.contains("/")) {
            throw new IllegalArgumentException(invalid(text));
        }
        name = name.replace('/', '.');
        if (!BINARY.matcher(name).matches()) {
            throw new IllegalArgumentException(invalid(text));
        }
        return new ClassName(name);
    }

    /** The class file's entry name in a jar, such as {@code com/acme/Widget$Part.class}. */
    public String entry() {
        return binaryName.replace('.', '/') + ".class";
    }

    /** The dotted package name; empty for the unnamed package. */
    public String packageName() {
        int dot = binaryName.lastIndexOf('.');
        return dot < 0 ? "" : binaryName.substring(0, dot);
    }

    private static String invalid(String text) {
        return "'" + text + "' is not a class name; write it as com.acme.Widget, com/acme/Widget or "
                + "com/acme/Widget.class (a nested class as com.acme.Widget$Part), without array brackets or generics";
    }

    @Override
    public String toString() {
        return binaryName;
    }
}
