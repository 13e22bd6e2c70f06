package dev.patchbay.host.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.service.HostException;
import java.io.PrintWriter;

/** What {@code run} and {@code serve} print about the host they ran: why it did not open, and its final summary. */
final class HostOutput {

    private HostOutput() {
    }

    /** The reason the host did not open, and each problem on a line of its own. */
    static void openFailed(PrintWriter err, String command, HostException e) {
        err.println(command + ": " + e.getMessage());
        e.details().forEach(line -> err.println("  " + line));
        err.flush();
    }

    /**
     * The final summary on standard output (a table, or one JSON object), then, after a forced stop, what was left
     * uncommitted on standard error.
     */
    static void summary(PrintWriter out, PrintWriter err, RunSummary summary, boolean json, ObjectMapper mapper)
            throws JsonProcessingException {
        if (json) {
            out.println(mapper.writeValueAsString(summary.toJson(mapper, "summary")));
        } else {
            out.print(summary.toTable());
        }
        out.flush();
        if (summary.forced().isPresent()) {
            summary.uncommittedReport().forEach(line -> err.println("patchbay: left uncommitted: " + line));
        }
        err.flush();
    }

    /** After a forced stop, stage threads may still be inside plugin code: the plugins were left loaded. */
    static void pluginsLeftLoaded(PrintWriter err) {
        err.println("patchbay: plugins left loaded: stage threads were still running plugin code");
    }
}
