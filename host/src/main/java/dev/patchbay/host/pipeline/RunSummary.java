package dev.patchbay.host.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.api.Position;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What a run did, per pipeline and per stage, as an aligned table or as JSON; a snapshot, immutable.
 *
 * @param pipelines one entry per pipeline, in configuration order
 * @param forcedReason why the stop was forced, or null when it was not
 * @param stopRequested whether a graceful stop was requested
 * @param threadsLeft threads plugin code left running after its stages were closed, one line each naming the
 *        thread and its plugin
 * @param endpoints where pipelines resumed from and where their output went, for the final summary; empty in
 *        progress snapshots
 */
public record RunSummary(List<PipelineSummary> pipelines, String forcedReason, boolean stopRequested,
        List<String> threadsLeft, List<PipelineEndpoints> endpoints) {

    /**
     * The version of every JSON document the CLI writes, run events included; it changes only on an incompatible
     * change (README, "JSON output").
     */
    public static final int SCHEMA_VERSION = 1;

    public RunSummary {
        pipelines = List.copyOf(pipelines);
        threadsLeft = List.copyOf(threadsLeft);
        endpoints = List.copyOf(endpoints);
    }

    public RunSummary(List<PipelineSummary> pipelines, String forcedReason, boolean stopRequested,
            List<String> threadsLeft) {
        this(pipelines, forcedReason, stopRequested, threadsLeft, List.of());
    }

    public RunSummary(List<PipelineSummary> pipelines, String forcedReason, boolean stopRequested) {
        this(pipelines, forcedReason, stopRequested, List.of());
    }

    /** This summary with the threads plugins left running. */
    public RunSummary withThreadsLeft(List<String> threads) {
        return new RunSummary(pipelines, forcedReason, stopRequested, threads, endpoints);
    }

    /** This summary saying where each pipeline resumed from and where its output went. */
    public RunSummary withEndpoints(List<PipelineEndpoints> pipelineEndpoints) {
        return new RunSummary(pipelines, forcedReason, stopRequested, threadsLeft, pipelineEndpoints);
    }

    /**
     * This snapshot with each stage's current rate: the records it passed on since {@code previous}, taken
     * {@code intervalNanos} earlier, per second. A pipeline or stage that {@code previous} lacks counts from zero.
     */
    public RunSummary withCurrentRates(RunSummary previous, long intervalNanos) {
        double seconds = Math.max(1, intervalNanos) / 1e9;
        List<PipelineSummary> rated = new ArrayList<>();
        for (PipelineSummary pipeline : pipelines) {
            List<StageSummary> before = previous.pipelines().stream().filter(p -> p.name().equals(pipeline.name()))
                    .findFirst().map(PipelineSummary::stages).orElse(List.of());
            List<StageSummary> stages = new ArrayList<>();
            for (int i = 0; i < pipeline.stages().size(); i++) {
                StageSummary stage = pipeline.stages().get(i);
                long earlier = i < before.size() ? before.get(i).out() : 0;
                stages.add(stage.withCurrentRate(Math.max(0, stage.out() - earlier) / seconds));
            }
            rated.add(pipeline.withStages(stages));
        }
        return new RunSummary(rated, forcedReason, stopRequested, threadsLeft, endpoints);
    }

    /**
     * One stage's counters.
     *
     * @param stage {@code source}, {@code processors[i]} or {@code sink}
     * @param use the extension reference
     * @param plugin the plugin id
     * @param in records received (for a source: records emitted)
     * @param out records passed on (for a sink: records written and flushed)
     * @param filtered records a processor received and did not pass on
     * @param failed records lost to a failure of this stage
     * @param skipped input the plugin skipped by its own error policy (such as {@code "onError": "skip"}) and
     *        reported
     * @param counters the plugin's own counters, such as {@code commentLines}, by name
     * @param recordsPerSecond {@code out} over the pipeline's elapsed time
     * @param currentRecordsPerSecond in a progress snapshot, {@code out} over the last progress interval; empty
     *        otherwise
     */
    public record StageSummary(String stage, String use, String plugin, long in, long out, long filtered, long failed,
            long skipped, Map<String, Long> counters, double recordsPerSecond, OptionalDouble currentRecordsPerSecond,
            Map<String, String> status) {

        public StageSummary {
            counters = Collections.unmodifiableMap(new TreeMap<>(counters));
            Objects.requireNonNull(currentRecordsPerSecond, "currentRecordsPerSecond");
            status = Collections.unmodifiableMap(new TreeMap<>(status));
        }

        /** A stage that reports no status values. */
        public StageSummary(String stage, String use, String plugin, long in, long out, long filtered, long failed,
                long skipped, Map<String, Long> counters, double recordsPerSecond,
                OptionalDouble currentRecordsPerSecond) {
            this(stage, use, plugin, in, out, filtered, failed, skipped, counters, recordsPerSecond,
                    currentRecordsPerSecond, Map.of());
        }

        /** A stage that skipped nothing and counted nothing of its own, outside a progress snapshot. */
        public StageSummary(String stage, String use, String plugin, long in, long out, long filtered, long failed,
                double recordsPerSecond) {
            this(stage, use, plugin, in, out, filtered, failed, 0, Map.of(), recordsPerSecond, OptionalDouble.empty());
        }

        StageSummary withCurrentRate(double rate) {
            return new StageSummary(stage, use, plugin, in, out, filtered, failed, skipped, counters, recordsPerSecond,
                    OptionalDouble.of(rate), status);
        }
    }

    /**
     * One pipeline's outcome.
     *
     * @param name the pipeline name
     * @param state STARTING, RUNNING, PAUSED, DRAINING, STOPPING, ABORTING, RESTARTING or WAITING_FOR_PLUGIN while it
     *        runs; COMPLETED, STOPPED, FAILED or ABORTED once it ended
     * @param elapsedMillis wall time of the current attempt
     * @param committedPosition the last committed source position, or null if none
     * @param uncommittedRecords records the source emitted in this attempt that no checkpoint covers yet
     * @param error the last failure's message, or null
     * @param restarts how many times it was restarted
     * @param nextRestartMillis milliseconds until the pending restart, or null when none is pending
     * @param rejectedRecords records set aside under {@code errors.tolerance} {@code all}
     * @param throttledMillis time its source waited out {@code maxRecordsPerSecond}
     * @param fatal whether its failure left the JVM in an unknown state (the host then exits with code 3)
     * @param stuck for a forced stop: each stage thread still inside a plugin call, with the call and plugin
     * @param abandoned threads left inside plugin code, whose plugins' class loaders cannot be freed
     * @param stages the stages, source first, counters summed over all attempts
     * @param checkpointUnreadable whether its checkpoint could not be read, so that its committed position is
     *        unknown until the file is fixed or deleted
     * @param queuedRecords records waiting in the queues between its stages now
     * @param checkpointAgeMillis milliseconds since its checkpoint was committed (the one it resumed from, or a
     *        later one), or null when it has none
     * @param stopReason why an operator's command stopped it, such as {@code plugin 'files' was disabled}, or null
     * @param pluginVersions per stage, in stage order, the version of the plugin its current attempt uses
     * @param waitingFor while WAITING_FOR_PLUGIN, what it needs; null otherwise
     * @param lastSwap its last swap of plugin versions, or the way back from one, or null
     */
    public record PipelineSummary(String name, String state, long elapsedMillis, String committedPosition,
            long uncommittedRecords, String error, int restarts, Long nextRestartMillis, long rejectedRecords,
            long throttledMillis, boolean fatal, List<String> stuck, List<String> abandoned,
            List<StageSummary> stages, boolean checkpointUnreadable, long queuedRecords, Long checkpointAgeMillis,
            String stopReason, List<String> pluginVersions, String waitingFor, String lastSwap) {

        /** A pipeline without plugin-version details. */
        public PipelineSummary(String name, String state, long elapsedMillis, String committedPosition,
                long uncommittedRecords, String error, int restarts, Long nextRestartMillis, long rejectedRecords,
                long throttledMillis, boolean fatal, List<String> stuck, List<String> abandoned,
                List<StageSummary> stages, boolean checkpointUnreadable, long queuedRecords, Long checkpointAgeMillis,
                String stopReason) {
            this(name, state, elapsedMillis, committedPosition, uncommittedRecords, error, restarts, nextRestartMillis,
                    rejectedRecords, throttledMillis, fatal, stuck, abandoned, stages, checkpointUnreadable,
                    queuedRecords, checkpointAgeMillis, stopReason, List.of(), null, null);
        }

        public PipelineSummary {
            pluginVersions = List.copyOf(pluginVersions);
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            stuck = List.copyOf(stuck);
            abandoned = List.copyOf(abandoned);
            stages = List.copyOf(stages);
        }

        /** A pipeline whose checkpoint, if it has one, was read. */
        public PipelineSummary(String name, String state, long elapsedMillis, String committedPosition,
                long uncommittedRecords, String error, int restarts, Long nextRestartMillis, long rejectedRecords,
                long throttledMillis, boolean fatal, List<String> stuck, List<String> abandoned,
                List<StageSummary> stages) {
            this(name, state, elapsedMillis, committedPosition, uncommittedRecords, error, restarts, nextRestartMillis,
                    rejectedRecords, throttledMillis, fatal, stuck, abandoned, stages, false, 0, null, null);
        }

        static PipelineSummary of(PipelineSupervisor supervisor, boolean forced, Long checkpointAgeMillis) {
            PipelineRun run = supervisor.attempt();
            long elapsedNanos = run.elapsedNanos();
            double seconds = elapsedNanos / 1e9;
            List<StageMetrics> metrics = run.stages();
            List<StageTotals> totals = supervisor.totals();
            List<StageSummary> stages = new ArrayList<>();
            for (int i = 0; i < metrics.size(); i++) {
                StageMetrics stage = metrics.get(i);
                StageTotals total = totals.get(i);
                boolean processor = stage.stage().startsWith("processors");
                stages.add(new StageSummary(stage.stage(), stage.use(), stage.pluginId(), total.in(), total.out(),
                        processor && total.out() < total.in() ? total.in() - total.out() : 0, total.failed(),
                        total.skipped(), total.counters(), seconds > 0 ? stage.out() / seconds : 0,
                        OptionalDouble.empty(), stage.statuses()));
            }
            Optional<Long> nextRestart = supervisor.nextRestartMillis();
            // An attempt that has ended before its supervisor has decided whether to restart it is shown as stopping:
            // showing its outcome (FAILED) would make a pipeline about to restart look failed for a moment, and /ready
            // flap.
            // Read once: the attempt may end between two reads, and its outcome must not appear without the check.
            Optional<RunState.Outcome> outcome = run.outcome();
            boolean undecided = outcome.isPresent() && nextRestart.isEmpty() && !supervisor.finished();
            Optional<String> waitingFor = supervisor.waitingFor();
            String state = waitingFor.isPresent() ? "WAITING_FOR_PLUGIN" : nextRestart.isPresent() ? "RESTARTING"
                    : undecided ? RunState.STOPPING.name()
                    : outcome.map(Enum::name).orElse(run.paused() && run.state() == RunState.RUNNING ? "PAUSED"
                            : run.state().name());
            boolean ended = outcome.isPresent();
            if (forced && !ended) {
                state = "ABORTED";
            }
            return new PipelineSummary(run.name(), state, TimeUnit.NANOSECONDS.toMillis(elapsedNanos),
                    run.committedPosition().map(Position::value).orElse(null), run.uncommittedRecords(),
                    // The attempt's own failure first: its supervisor records it only after the attempt has ended.
                    run.failure().map(Throwable::getMessage).or(supervisor::lastFailure).orElse(null),
                    supervisor.restarts(), nextRestart.orElse(null),
                    supervisor.rejectedRecords(), supervisor.throttledMillis(), run.fatal(),
                    run.callsAtAbort(), supervisor.abandoned(), stages, run.checkpointUnreadable(), run.queuedRecords(),
                    checkpointAgeMillis, supervisor.stopReason().orElse(null),
                    run.handles().stream().map(dev.patchbay.host.plugin.PluginHandle::version).toList(),
                    waitingFor.orElse(null),
                    supervisor.lastSwap().orElse(null));
        }

        /** Whether the pipeline ended the way an operator wants: exhausted, or stopped gracefully. */
        public boolean succeeded() {
            return state.equals("COMPLETED") || state.equals("STOPPED");
        }

        /** Whether the pipeline has ended, in any of the four ways. */
        public boolean ended() {
            return succeeded() || state.equals("FAILED") || state.equals("ABORTED");
        }

        PipelineSummary withStages(List<StageSummary> newStages) {
            return new PipelineSummary(name, state, elapsedMillis, committedPosition, uncommittedRecords, error,
                    restarts, nextRestartMillis, rejectedRecords, throttledMillis, fatal, stuck, abandoned, newStages,
                    checkpointUnreadable, queuedRecords, checkpointAgeMillis, stopReason, pluginVersions, waitingFor,
                    lastSwap);
        }
    }

    public Optional<String> forced() {
        return Optional.ofNullable(forcedReason);
    }

    /** The exit code a supervisor acts on after a fatal JVM error in a pipeline: restart the process. */
    public static final int EXIT_FATAL = 3;

    /**
     * 0 when every pipeline completed or stopped gracefully; 3 when a pipeline hit a fatal JVM error (such as
     * running out of memory); otherwise 1 when one failed or the stop was forced.
     */
    public int exitCode() {
        if (pipelines.stream().anyMatch(PipelineSummary::fatal)) {
            return EXIT_FATAL;
        }
        return forcedReason == null && pipelines.stream().allMatch(PipelineSummary::succeeded) ? 0 : 1;
    }

    /**
     * Lines saying, for each pipeline that ended without completing or stopping gracefully, what is left
     * uncommitted. A pipeline still running has nothing to report yet: its records in flight are normal.
     */
    public List<String> uncommittedReport() {
        List<String> lines = new ArrayList<>();
        for (PipelineSummary pipeline : pipelines) {
            if (pipeline.ended() && !pipeline.succeeded()) {
                lines.add("pipeline '" + pipeline.name() + "' " + pipeline.state() + ": last committed position "
                        + (pipeline.checkpointUnreadable()
                                ? "unknown: its checkpoint cannot be read (see its error; the next run fails the same "
                                        + "way until the file is fixed or deleted)"
                                : pipeline.committedPosition() == null ? "none (it restarts from the beginning)"
                                : "'" + pipeline.committedPosition() + "'")
                        + (pipeline.uncommittedRecords() == 0 ? ", nothing in flight"
                                : ", " + pipeline.uncommittedRecords() + " records in flight not committed "
                                        + "(they are read again on the next run)"));
            }
        }
        return lines;
    }

    /** The summary as an aligned text table, one row per stage, then errors and uncommitted work. */
    public String toTable() {
        return SummaryTable.render(this);
    }

    /** The summary as a JSON object; the schema is documented in README ("The run summary"). */
    public ObjectNode toJson(ObjectMapper mapper, String event) {
        return SummaryJson.render(this, mapper, event);
    }
}
