package dev.patchbay.host.config;

/**
 * A place in the configuration file, 1-based; {@link #UNKNOWN} when the place cannot be known (for
 * example for a value that does not come from the file).
 *
 * @param line the line, 1-based, or 0 if unknown
 * @param column the column, 1-based, or 0 if unknown
 */
public record Location(int line, int column) {

    public static final Location UNKNOWN = new Location(0, 0);

    public Location {
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative, got " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return this.equals(UNKNOWN) ? "?" : line + ":" + column;
    }
}
