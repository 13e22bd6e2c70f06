package dev.patchbay.testkit;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Row;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** The emitter a tester hands to a stage: it collects rows and records rejections in the stage's context. */
final class RecordingEmitter implements Emitter {

    private final TestContext context;
    private final List<Row> rows;
    private final Supplier<String> nullRow;

    /**
     * @param nullRow the assertion message when the stage emits null
     */
    RecordingEmitter(TestContext context, List<Row> rows, Supplier<String> nullRow) {
        this.context = context;
        this.rows = rows;
        this.nullRow = nullRow;
    }

    @Override
    public void emit(Row row) {
        if (row == null) {
            throw new AssertionError(nullRow.get());
        }
        rows.add(row);
    }

    @Override
    public void reject(Rejection rejection) {
        context.rejected(Objects.requireNonNull(rejection, context.use() + ": the stage rejected null; pass a"
                + " Rejection"));
    }
}
