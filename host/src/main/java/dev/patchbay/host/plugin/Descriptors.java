package dev.patchbay.host.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Class names in field and method descriptors, and descriptors as Java source writes them. */
final class Descriptors {

    private Descriptors() {
    }

    /** Adds the class of a {@code CONSTANT_Class} name, which is an internal name or an array descriptor. */
    static void addClassName(String name, Set<String> classes) {
        if (name.startsWith("[")) {
            addClasses(name, classes);
        } else {
            classes.add(name);
        }
    }

    /** Adds every class a field or method descriptor names. */
    static void addClasses(String descriptor, Set<String> classes) {
        for (int i = descriptor.indexOf('L'); i >= 0; i = descriptor.indexOf('L', i)) {
            int end = descriptor.indexOf(';', i);
            if (end < 0) {
                return;
            }
            classes.add(descriptor.substring(i + 1, end));
            i = end + 1;
        }
    }

    /** {@code a/b/C$D} becomes {@code a.b.C$D}, the binary name. */
    static String binary(String internal) {
        return internal.replace('/', '.');
    }

    /** The package of an internal name, dotted: {@code a/b/C} is in {@code a.b}. */
    static String packageOf(String internal) {
        int slash = internal.lastIndexOf('/');
        return slash < 0 ? "" : internal.substring(0, slash).replace('/', '.');
    }

    /** {@code void a.B.run(java.lang.String, int)}, or {@code int a.B.size} for a field descriptor. */
    static String display(String owner, String name, String descriptor) {
        String type = binary(owner);
        if (!descriptor.startsWith("(")) {
            return types(descriptor).get(0) + " " + type + "." + name;
        }
        int close = descriptor.indexOf(')');
        List<String> parameters = types(descriptor.substring(1, close));
        String result = types(descriptor.substring(close + 1)).get(0);
        String shown = name.equals("<init>") ? "new " + type : result + " " + type + "." + name;
        return shown + "(" + String.join(", ", parameters) + ")";
    }

    /** {@code run(java.lang.String, int)}: a method as a stack trace would name it, without its owner. */
    static String methodName(String name, String descriptor) {
        int close = descriptor.indexOf(')');
        return name + "(" + String.join(", ", types(descriptor.substring(1, close))) + ")";
    }

    private static List<String> types(String descriptors) {
        List<String> types = new ArrayList<>();
        int i = 0;
        while (i < descriptors.length()) {
            int dims = 0;
            while (descriptors.charAt(i) == '[') {
                dims++;
                i++;
            }
            char c = descriptors.charAt(i);
            String type;
            if (c == 'L') {
                int end = descriptors.indexOf(';', i);
                type = binary(descriptors.substring(i + 1, end));
                i = end + 1;
            } else {
                type = switch (c) {
                    case 'B' -> "byte";
                    case 'C' -> "char";
                    case 'D' -> "double";
                    case 'F' -> "float";
                    case 'I' -> "int";
                    case 'J' -> "long";
                    case 'S' -> "short";
                    case 'Z' -> "boolean";
                    case 'V' -> "void";
                    default -> String.valueOf(c);
                };
                i++;
            }
            types.add(type + "[]".repeat(dims));
        }
        return types;
    }
}
