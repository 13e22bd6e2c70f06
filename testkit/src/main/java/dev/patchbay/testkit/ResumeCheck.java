package dev.patchbay.testkit;

import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The exactly-once resume check behind {@link SourceTester#assertResumesExactlyOnce()}: a full read, then one
 * resumed read per poll boundary; rows before the boundary plus the resumed rows must equal the full output.
 */
final class ResumeCheck {

    /** Reads from a fresh source with a context. */
    @FunctionalInterface
    interface Reader {
        SourceRead read(TestContext context) throws IOException;
    }

    private static final int SHOWN = 5;

    private final Reader reader;
    private final TestContext context;

    ResumeCheck(Reader reader, TestContext context) {
        this.reader = reader;
        this.context = context;
    }

    void run() throws IOException {
        SourceRead full = reader.read(context);
        for (SourceRead.Boundary boundary : full.boundaries()) {
            if (boundary.position().isEmpty()) {
                throw new AssertionError(context.use() + ": position() returned null after poll " + boundary.poll()
                        + "; a source must always report a position");
            }
            Position position = boundary.position().get();
            List<Row> expected = full.rows().subList(boundary.rowsBefore(), full.rows().size());
            List<Row> resumed = reader.read(context.resumingFrom(position)).rows();
            if (!resumed.equals(expected)) {
                throw new AssertionError(describe(boundary, position, full.rows().size(), expected, resumed));
            }
        }
    }

    private String describe(SourceRead.Boundary boundary, Position position, int total, List<Row> expected,
            List<Row> resumed) {
        StringBuilder text = new StringBuilder(context.use()).append(": resuming from position '")
                .append(position.value()).append("', reported after poll ").append(boundary.poll()).append(" (")
                .append(boundary.rowsBefore()).append(" of ").append(total).append(" rows emitted), produced ")
                .append(resumed.size()).append(" rows but ").append(expected.size()).append(" were expected: ");
        int extra = resumed.size() - expected.size();
        if (extra > 0 && resumed.subList(extra, resumed.size()).equals(expected)) {
            text.append("duplicated rows ").append(shown(resumed.subList(0, extra)))
                    .append(" (emitted before the position, and again after resuming from it)");
        } else if (extra < 0 && expected.subList(-extra, expected.size()).equals(resumed)) {
            text.append("missing rows ").append(shown(expected.subList(0, -extra)))
                    .append(" (emitted after the position was reported, but skipped when resuming from it)");
        } else {
            List<Row> duplicated = minus(resumed, expected);
            List<Row> missing = minus(expected, resumed);
            text.append(duplicated.isEmpty() ? "" : "unexpected rows " + shown(duplicated) + "; ")
                    .append(missing.isEmpty() ? "" : "missing rows " + shown(missing) + "; ")
                    .append("first difference at resumed row ").append(firstDifference(expected, resumed));
        }
        return text.append("; a source must resume with exactly the rows after the position it reported")
                .toString();
    }

    private static List<Row> minus(List<Row> from, List<Row> remove) {
        List<Row> rest = new ArrayList<>(from);
        for (Row row : remove) {
            rest.remove(row);
        }
        return rest;
    }

    private static int firstDifference(List<Row> a, List<Row> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        return i;
    }

    private static String shown(List<Row> rows) {
        if (rows.size() <= SHOWN) {
            return rows.toString();
        }
        return rows.subList(0, SHOWN) + " and " + (rows.size() - SHOWN) + " more";
    }
}
