package dev.patchbay.bench.startup;

import dev.patchbay.api.ProcessorFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Writes N plugin jars for the start-up benchmark. Each jar has a manifest with the Plugin-* attributes, one
 * service file {@code META-INF/services/dev.patchbay.api.ProcessorFactory}, and one or two processor factories
 * annotated {@code @Extension} with a few kilobytes of bytecode each (even-numbered plugins carry two).
 *
 * <p>The sources are generated and compiled with {@code javax.tools}; every plugin has its own package, as real
 * plugins do. Usage: {@code PluginJarGenerator <root> <n>...} writes {@code <root>/plugins-<n>/} for each n,
 * sharing the jars of the largest set through hard links. A set that is already complete is left as it is.
 */
public final class PluginJarGenerator {

    static final String SERVICE_FILE = "META-INF/services/" + ProcessorFactory.class.getName();
    private static final int COMPILE_BATCH = 250;
    private static final FileTime ENTRY_TIME = FileTime.fromMillis(1_700_000_000_000L);

    private PluginJarGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: PluginJarGenerator <root> <n>... (for example: target/startup 100 500 2000)");
        }
        Path root = Path.of(args[0]);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        int max = sizes.stream().max(Integer::compare).orElseThrow();
        Path all = root.resolve("jars");
        if (countJars(all) < max) {
            generate(all, max);
        }
        for (int n : sizes) {
            Path set = root.resolve("plugins-" + n);
            if (countJars(set) == n) {
                continue;
            }
            deleteTree(set);
            Files.createDirectories(set);
            for (int i = 0; i < n; i++) {
                Path jar = all.resolve(jarName(i));
                Files.createLink(set.resolve(jarName(i)), jar);
            }
            System.out.printf(Locale.ROOT, "wrote %s with %d plugins, %d extensions%n", set, n, extensionCount(n));
        }
    }

    /** The number of extensions in a set of n generated plugins. */
    public static int extensionCount(int n) {
        return n + (n + 1) / 2;
    }

    static String jarName(int index) {
        return String.format(Locale.ROOT, "gen-%05d.jar", index);
    }

    private static int countJars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".jar")).count();
        }
    }

    private static void generate(Path jars, int count) throws IOException {
        Path work = jars.resolveSibling("work");
        deleteTree(work);
        deleteTree(jars);
        Files.createDirectories(jars);
        Path sources = work.resolve("src");
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: run the generator on a JDK, not a JRE");
        }
        String apiPath = apiClasspath();
        for (int start = 0; start < count; start += COMPILE_BATCH) {
            int end = Math.min(count, start + COMPILE_BATCH);
            List<Path> files = new ArrayList<>();
            for (int i = start; i < end; i++) {
                files.addAll(writeSources(sources, i));
            }
            try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, Locale.ROOT,
                    StandardCharsets.UTF_8)) {
                Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(files);
                List<String> options = List.of("--release", "17", "-classpath", apiPath, "-d", classes.toString(),
                        "-proc:none", "-nowarn");
                Boolean ok = compiler.getTask(null, fileManager, null, options, null, units).call();
                if (!Boolean.TRUE.equals(ok)) {
                    throw new IllegalStateException("compiling generated plugins " + start + ".." + (end - 1)
                            + " failed; see the compiler output above");
                }
            }
            for (int i = start; i < end; i++) {
                writeJar(jars.resolve(jarName(i)), classes, i);
            }
            System.out.printf(Locale.ROOT, "generated plugins %d..%d%n", start, end - 1);
        }
        deleteTree(work);
    }

    private static String apiClasspath() {
        try {
            return Path.of(ProcessorFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the patchbay-api classes on the class path", e);
        }
    }

    private static String packageName(int index) {
        return String.format(Locale.ROOT, "gen.p%05d", index);
    }

    private static List<Path> writeSources(Path sources, int index) throws IOException {
        String pkg = packageName(index);
        Path dir = sources.resolve(pkg.replace('.', '/'));
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        Path mask = dir.resolve("MaskFactory.java");
        Files.writeString(mask, maskSource(pkg, index));
        files.add(mask);
        if (index % 2 == 0) {
            Path range = dir.resolve("RangeFactory.java");
            Files.writeString(range, rangeSource(pkg, index));
            files.add(range);
        }
        return files;
    }

    private static String maskSource(String pkg, int index) {
        StringBuilder src = new StringBuilder();
        src.append("package ").append(pkg).append(";\n\n")
                .append("import dev.patchbay.api.*;\nimport java.util.List;\n\n")
                .append("@Extension(name = \"mask-").append(index).append("\", description = \"Generated masking processor number ")
                .append(index).append(".\")\n")
                .append("public final class MaskFactory implements ProcessorFactory {\n")
                .append("    private static final List<Setting> SETTINGS = List.of(\n")
                .append("        Setting.required(\"field\", SettingType.STRING, \"The field to mask.\"),\n")
                .append("        Setting.optional(\"mode\", SettingType.STRING, \"How to mask it.\").withDefault(\"stars\")")
                .append(".oneOf(\"stars\", \"upper\", \"reverse\", \"digits\"),\n")
                .append("        Setting.optional(\"keep\", SettingType.LONG, \"Characters kept in clear.\").withDefault(4L));\n\n")
                .append("    public MaskFactory() {\n    }\n\n")
                .append("    @Override\n    public List<Setting> settings() {\n        return SETTINGS;\n    }\n\n")
                .append("    @Override\n    public Processor create(Settings settings, ExtensionContext context) {\n")
                .append("        String field = settings.getString(\"field\");\n")
                .append("        String mode = settings.getString(\"mode\");\n")
                .append("        int keep = (int) settings.getLong(\"keep\");\n")
                .append("        return (record, out) -> {\n")
                .append("            Object value = record.get(field);\n")
                .append("            out.emit(value instanceof String text ? record.with(field, mask(mode, text, keep)) : record);\n")
                .append("        };\n    }\n\n")
                .append("    static String mask(String mode, String text, int keep) {\n")
                .append("        int clear = Math.min(keep, text.length());\n")
                .append("        String head = text.substring(0, clear);\n")
                .append("        String tail = text.substring(clear);\n")
                .append("        return switch (mode) {\n")
                .append("            case \"stars\" -> head + \"*\".repeat(tail.length());\n")
                .append("            case \"upper\" -> head + tail.toUpperCase(java.util.Locale.ROOT);\n")
                .append("            case \"reverse\" -> head + new StringBuilder(tail).reverse();\n")
                .append("            case \"digits\" -> head + tail.replaceAll(\"[0-9]\", \"#\");\n")
                .append("            default -> throw new ExtensionException(\"mask-").append(index)
                .append("\", \"unknown mode '\" + mode + \"'\");\n")
                .append("        };\n    }\n");
        appendPadding(src, index, 6);
        src.append("}\n");
        return src.toString();
    }

    private static String rangeSource(String pkg, int index) {
        StringBuilder src = new StringBuilder();
        src.append("package ").append(pkg).append(";\n\n")
                .append("import dev.patchbay.api.*;\nimport java.util.List;\n\n")
                .append("@Extension(name = \"range-").append(index).append("\", description = \"Generated range filter number ")
                .append(index).append(".\")\n")
                .append("public final class RangeFactory implements ProcessorFactory {\n")
                .append("    private static final List<Setting> SETTINGS = List.of(\n")
                .append("        Setting.required(\"field\", SettingType.STRING, \"The numeric field to test.\"),\n")
                .append("        Setting.optional(\"min\", SettingType.DOUBLE, \"Smallest value kept.\").withDefault(0.0),\n")
                .append("        Setting.optional(\"max\", SettingType.DOUBLE, \"Largest value kept.\").withDefault(100.0),\n")
                .append("        Setting.optional(\"inclusive\", SettingType.BOOLEAN, \"Whether the bounds are kept.\").withDefault(true));\n\n")
                .append("    public RangeFactory() {\n    }\n\n")
                .append("    @Override\n    public List<Setting> settings() {\n        return SETTINGS;\n    }\n\n")
                .append("    @Override\n    public Processor create(Settings settings, ExtensionContext context) {\n")
                .append("        String field = settings.getString(\"field\");\n")
                .append("        double min = settings.getDouble(\"min\");\n")
                .append("        double max = settings.getDouble(\"max\");\n")
                .append("        boolean inclusive = settings.getBoolean(\"inclusive\");\n")
                .append("        return (record, out) -> {\n")
                .append("            Object value = record.get(field);\n")
                .append("            if (value instanceof Number number && inRange(number.doubleValue(), min, max, inclusive)) {\n")
                .append("                out.emit(record);\n")
                .append("            }\n")
                .append("        };\n    }\n\n")
                .append("    static boolean inRange(double value, double min, double max, boolean inclusive) {\n")
                .append("        return inclusive ? value >= min && value <= max : value > min && value < max;\n")
                .append("    }\n");
        appendPadding(src, index + 7, 5);
        src.append("}\n");
        return src.toString();
    }

    /** Helper methods of ordinary arithmetic and string work, to give each class a realistic body size. */
    private static void appendPadding(StringBuilder src, int seed, int methods) {
        for (int m = 0; m < methods; m++) {
            long salt = 0x9E3779B97F4A7C15L * (seed * 31L + m + 1);
            src.append("\n    static String step").append(m).append("(String input, long state) {\n")
                    .append("        long h = state ^ ").append(salt).append("L;\n")
                    .append("        StringBuilder out = new StringBuilder(input.length() + 8);\n")
                    .append("        for (int i = 0; i < input.length(); i++) {\n")
                    .append("            h = (h ^ input.charAt(i)) * 0x100000001b3L;\n")
                    .append("            char c = input.charAt(i);\n")
                    .append("            if (Character.isLetter(c) && (h & ").append(1 + m % 3).append(") == 0) {\n")
                    .append("                out.append(Character.toUpperCase(c));\n")
                    .append("            } else if (Character.isDigit(c)) {\n")
                    .append("                out.append((char) ('0' + (int) Math.floorMod(h + c, 10L)));\n")
                    .append("            } else {\n")
                    .append("                out.append(c);\n")
                    .append("            }\n")
                    .append("        }\n")
                    .append("        return out.append(\"-s").append(seed).append('m').append(m).append("-\").append(Long.toHexString(h)).toString();\n")
                    .append("    }\n");
        }
    }

    private static void writeJar(Path jar, Path classes, int index) throws IOException {
        String id = String.format(Locale.ROOT, "gen-%05d", index);
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", "1.0." + (index % 10));
        main.putValue("Plugin-Provider", "Patchbay benchmarks");
        main.putValue("Plugin-License", "Apache-2.0");
        main.putValue("Plugin-Description", "Generated plugin number " + index + " for the start-up benchmark.");
        main.putValue("Plugin-Requires", ">=1.0.0 & <2.0.0");
        String pkgPath = packageName(index).replace('.', '/');
        Path pkgDir = classes.resolve(pkgPath);
        List<Path> classFiles;
        try (Stream<Path> files = Files.list(pkgDir)) {
            classFiles = files.sorted().toList();
        }
        StringBuilder services = new StringBuilder();
        services.append(packageName(index)).append(".MaskFactory\n");
        if (index % 2 == 0) {
            services.append(packageName(index)).append(".RangeFactory\n");
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            addDirectory(out, "META-INF/services/");
            addEntry(out, SERVICE_FILE, services.toString().getBytes(StandardCharsets.UTF_8));
            String prefix = "";
            for (String part : pkgPath.split("/")) {
                prefix += part + "/";
                addDirectory(out, prefix);
            }
            for (Path classFile : classFiles) {
                addEntry(out, pkgPath + "/" + classFile.getFileName(), Files.readAllBytes(classFile));
            }
        }
    }

    private static void addDirectory(JarOutputStream out, String name) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setLastModifiedTime(ENTRY_TIME);
        out.putNextEntry(entry);
        out.closeEntry();
    }

    private static void addEntry(JarOutputStream out, String name, byte[] bytes) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setLastModifiedTime(ENTRY_TIME);
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + p, e);
                }
            });
        }
    }
}
