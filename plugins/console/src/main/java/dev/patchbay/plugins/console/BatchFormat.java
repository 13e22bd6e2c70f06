package dev.patchbay.plugins.console;

import dev.patchbay.api.Row;
import java.util.List;

/** Turns a batch of records into the text the sink prints. */
interface BatchFormat {

    /**
     * Renders records as text; every line, the last included, ends with a line feed.
     *
     * @param records the records, never empty
     * @return the text
     */
    String render(List<Row> records);

    /**
     * Returns the line printed at close to say how many records the limit suppressed, or an empty string
     * when this format prints none because it would corrupt machine-readable output.
     *
     * @param suppressed how many records were not printed, at least one
     * @param limit the limit that was reached
     * @return the text, ending with a line feed, or empty
     */
    String suppressedNotice(long suppressed, long limit);
}
