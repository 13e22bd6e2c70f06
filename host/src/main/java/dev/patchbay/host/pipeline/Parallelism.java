package dev.patchbay.host.pipeline;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.plugin.LoadedExtension;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How many workers run a pipeline's processor chain: its {@code parallelism}, or, when absent, a value picked
 * from the cores; one whenever a processor's factory declares {@code @Sequential}.
 *
 * @param workers the number of workers, at least 1
 * @param note why the number is what it is, for the log line at the start of an attempt
 * @param serial whether a processor's {@code @Sequential} chose one worker
 */
record Parallelism(int workers, String note, boolean serial) {

    /** The most workers picked from the cores when {@code parallelism} is absent. */
    static final int MAX_AUTO = 8;

    Parallelism {
        Objects.requireNonNull(note, "note");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
    }

    /**
     * The rule for an absent {@code parallelism} (README, "Parallel processors"): the source and the sink each
     * keep a thread busy, so the workers get the cores left over, and at least one; on 2 cores that is one, as
     * measured in design/PERFORMANCE.md ("Parallel processors").
     */
    static int fromCores(int cores) {
        return Math.max(1, Math.min(MAX_AUTO, cores - 2));
    }

    /**
     * Decides the workers of a pipeline whose processors use these extensions, in stage order.
     *
     * @throws PluginUnavailableException if {@code parallelism} is above 1 and a processor must not run in
     *         parallel: the pipeline waits for a version of that plugin that allows it
     */
    static Parallelism of(PipelineConfig config, List<LoadedExtension> processors, int cores) {
        if (processors.isEmpty()) {
            return new Parallelism(1, "no processors", false);
        }
        Optional<Integer> serial = serialIndex(processors);
        if (serial.isPresent()) {
            LoadedExtension extension = processors.get(serial.get());
            String stage = "processors[" + serial.get() + "] \"" + config.processors().get(serial.get()).use() + "\"";
            if (config.parallelismExplicit() && config.parallelism() > 1) {
                throw new PluginUnavailableException(serialMessage(config.name(), config.parallelism(), stage,
                        extension.pluginId(), extension.pluginVersion()) + "; " + SERIAL_FIX);
            }
            return new Parallelism(1, "1 worker: " + stage + " (plugin '" + extension.pluginId() + "' "
                    + extension.pluginVersion() + ") declares @Sequential", true);
        }
        if (config.parallelismExplicit()) {
            return new Parallelism(config.parallelism(), config.parallelism() + " worker"
                    + (config.parallelism() == 1 ? "" : "s") + ", as configured", false);
        }
        int picked = fromCores(cores);
        return new Parallelism(picked, picked + " worker" + (picked == 1 ? "" : "s") + ", picked from " + cores
                + " cores", false);
    }

    /**
     * The message when an explicit parallelism above 1 meets a processor that must not run in parallel; the
     * validator and the runtime say the same.
     */
    static String serialMessage(String pipeline, int parallelism, String stage, String pluginId, String version) {
        return "pipeline '" + pipeline + "' sets \"parallelism\": " + parallelism + ", but " + stage + " (plugin '"
                + pluginId + "' " + version + ") declares @Sequential: each of its instances must "
                + "see every record";
    }

    /** How to mend what {@link #serialMessage} reports. */
    static final String SERIAL_FIX = "remove \"parallelism\" or set it to 1 to run the processors on one worker, "
            + "or use a processor that allows parallel workers";

    private static Optional<Integer> serialIndex(List<LoadedExtension> processors) {
        for (int i = 0; i < processors.size(); i++) {
            if (!processors.get(i).descriptor().parallel()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
