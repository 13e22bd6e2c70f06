package dev.patchbay.plugins.console;

import dev.patchbay.api.Row;
import java.util.List;

/** One JSON object per record and line (JSON Lines), fields in record order. */
final class JsonLinesFormat implements BatchFormat {

    private final Json json;

    JsonLinesFormat(Json json) {
        this.json = json;
    }

    @Override
    public String render(List<Row> records) {
        StringBuilder out = new StringBuilder(64 * records.size());
        for (Row record : records) {
            json.appendRecord(out, record);
            out.append('\n');
        }
        return out.toString();
    }

    /** Empty: a notice line would make the output invalid JSON Lines; the sink logs the count instead. */
    @Override
    public String suppressedNotice(long suppressed, long limit) {
        return "";
    }
}
