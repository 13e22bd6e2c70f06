package dev.patchbay.testkit;

import java.text.MessageFormat;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A {@link System.Logger} that keeps every line as {@code "LEVEL message"}; safe for concurrent use. */
final class RecordingLogger implements System.Logger {

    private final String name;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    RecordingLogger(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        lines.add(level + " " + localized(bundle, message));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        String pattern = localized(bundle, format);
        lines.add(level + " " + (params == null || params.length == 0 ? pattern
                : MessageFormat.format(pattern, params)));
    }

    @Override
    public void log(Level level, Supplier<String> supplier) {
        lines.add(level + " " + supplier.get());
    }

    private static String localized(ResourceBundle bundle, String key) {
        if (bundle != null && key != null && bundle.containsKey(key)) {
            return bundle.getString(key);
        }
        return String.valueOf(key);
    }
}
