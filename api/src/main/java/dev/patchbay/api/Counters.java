package dev.patchbay.api;

import java.util.Objects;
import java.util.regex.Pattern;

/** The rule for {@link ExtensionContext#count}'s arguments, shared by the default and the host. */
final class Counters {

    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    private Counters() {
    }

    static void check(String counter, long amount) {
        Objects.requireNonNull(counter, "counter");
        if (!NAME.matcher(counter).matches()) {
            throw new IllegalArgumentException("counter name '" + counter
                    + "' is not valid; use lowerCamelCase letters and digits, for example 'commentLines'");
        }
        if (amount < 0) {
            throw new IllegalArgumentException("counter '" + counter + "' cannot go down, but the amount is "
                    + amount + "; pass a count of zero or more");
        }
    }
}
