package dev.patchbay.host.config;

import dev.patchbay.host.plugin.EditDistance;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Suggests the candidates closest to a misspelt name, by edit distance: used for unknown configuration keys,
 * extensions, settings and pipeline names alike.
 */
public final class CloseMatches {

    private static final int LIMIT = 3;

    private CloseMatches() {
    }

    /**
     * Returns up to three candidates within an edit distance of a third of the wanted name's length
     * (at least 2), or containing it, closest first.
     */
    public static List<String> of(String wanted, Iterable<String> candidates) {
        String lower = wanted.toLowerCase(Locale.ROOT);
        int threshold = Math.max(2, wanted.length() / 3);
        java.util.ArrayList<String> close = new java.util.ArrayList<>();
        for (String candidate : candidates) {
            String other = candidate.toLowerCase(Locale.ROOT);
            if (EditDistance.between(lower, other) <= threshold || (!lower.isEmpty() && other.contains(lower))) {
                close.add(candidate);
            }
        }
        close.sort(Comparator.comparingInt((String c) -> EditDistance.between(lower, c.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()));
        return List.copyOf(close.subList(0, Math.min(LIMIT, close.size())));
    }


    /** A sentence suffix such as {@code ; did you mean 'csv-source'?}, or empty when nothing is close. */
    public static String suggestion(String wanted, Iterable<String> candidates) {
        List<String> close = of(wanted, candidates);
        if (close.isEmpty()) {
            return "";
        }
        return "did you mean " + String.join(" or ", close.stream().map(c -> "'" + c + "'").toList()) + "? ";
    }
}
