package dev.patchbay.api;

import java.util.Objects;
import java.util.regex.Pattern;

/** The rule for {@link ExtensionContext#count}'s arguments, shared by the default and the host. */
final class Counters {

    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    private Counters() {
    }

    static void check(String counter, long amount) {
        checkName(counter, "counter");
        if (amount < 0) {
            throw new IllegalArgumentException("counter '" + counter + "' cannot go down, but the amount is "
                    + amount + "; pass a count of zero or more");
        }
    }

    /** Checks the name of a counter or a status value; {@code what} is the kind, for the message. */
    static void checkName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name
                    + "' is not valid; use lowerCamelCase letters and digits, for example '"
                    + ("counter".equals(what) ? "commentLines" : "partitions") + "'");
        }
    }
}
