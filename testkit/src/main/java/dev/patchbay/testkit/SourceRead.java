package dev.patchbay.testkit;

import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import dev.patchbay.api.Source;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One bounded read of a source, to {@code END}, with the position the source reported after each poll.
 *
 * @param rows every row emitted
 * @param boundaries after each poll: how many rows had been emitted and the position reported then
 */
record SourceRead(List<Row> rows, List<Boundary> boundaries) {

    /** The state after one poll; {@code poll} counts from 1. */
    record Boundary(int poll, int rowsBefore, Optional<Position> position) {
    }

    SourceRead {
        rows = List.copyOf(rows);
        boundaries = List.copyOf(boundaries);
    }

    SourceTester.Output output() {
        Optional<Position> last = boundaries.isEmpty() ? Optional.empty()
                : boundaries.get(boundaries.size() - 1).position();
        return new SourceTester.Output(rows, last);
    }

    static SourceRead drain(Source source, TestContext context, int maxPolls, int maxIdlePolls) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<Boundary> boundaries = new ArrayList<>();
        int idle = 0;
        for (int poll = 1; poll <= maxPolls; poll++) {
            Source.Poll result = source.poll(new RecordingEmitter(context, rows,
                    () -> context.use() + ": the source emitted null; emit rows only"));
            if (result == null) {
                throw new AssertionError(context.use() + ": poll " + poll + " returned null; return MORE, IDLE"
                        + " or END");
            }
            boundaries.add(new Boundary(poll, rows.size(), Optional.ofNullable(source.position())));
            if (result == Source.Poll.END) {
                return new SourceRead(rows, boundaries);
            }
            if (result == Source.Poll.IDLE && ++idle > maxIdlePolls) {
                throw new AssertionError(context.use() + ": the source returned IDLE " + idle + " times in "
                        + poll + " polls (" + rows.size() + " rows) without END; a finite source must end, or"
                        + " raise the limit with SourceTester.withLimits");
            }
        }
        throw new AssertionError(context.use() + ": the source did not return END within " + maxPolls
                + " polls (" + rows.size() + " rows); a finite source must end, or raise the limit with"
                + " SourceTester.withLimits");
    }
}
