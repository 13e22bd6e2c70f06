package dev.patchbay.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.config.ErrorPolicy.Tolerance;
import dev.patchbay.host.config.RestartPolicy.Policy;
import dev.patchbay.host.plugin.ExtensionKind;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads how a pipeline is supervised: {@code timeouts} (also {@code runtime.timeouts}), {@code errors} and
 * {@code restart}. Every problem becomes an error of the walk and every value handed to a value type's
 * constructor is one it accepts: the constructors' own checks are a second line of defence, not the messages
 * operators see.
 */
final class SupervisionReader {

    private static final List<String> TIMEOUTS_KEYS = List.of("callMillis", "createMillis", "closeMillis");
    private static final List<String> ERRORS_KEYS = List.of("tolerance", "deadLetter", "maxFailures",
            "maxFailureRatio");
    private static final List<String> RESTART_KEYS = List.of("policy", "maxRestarts", "initialBackoffMillis",
            "maxBackoffMillis", "multiplier", "jitter");
    private static final List<String> TOLERANCES = Arrays.stream(Tolerance.values()).map(Tolerance::word).toList();
    private static final List<String> POLICIES = Arrays.stream(Policy.values()).map(Policy::word).toList();

    private final ConfigWalk walk;
    private final StageReader stages;

    SupervisionReader(ConfigWalk walk, StageReader stages) {
        this.walk = Objects.requireNonNull(walk, "walk");
        this.stages = Objects.requireNonNull(stages, "stages");
    }

    /** The {@code timeouts} object of {@code parent}; each key it lacks is taken from {@code fallback}. */
    Timeouts timeouts(ObjectNode parent, String parentPath, Timeouts fallback) {
        Optional<ObjectNode> found = walk.optionalObject(parent, parentPath, "timeouts");
        if (found.isEmpty()) {
            return fallback;
        }
        ObjectNode object = found.get();
        String at = JsonPaths.field(parentPath, "timeouts");
        walk.knownKeys(object, at, TIMEOUTS_KEYS);
        return new Timeouts(millis(object, at, "callMillis", fallback.callMillis()),
                millis(object, at, "createMillis", fallback.createMillis()),
                millis(object, at, "closeMillis", fallback.closeMillis()));
    }

    private long millis(ObjectNode object, String at, String key, long fallback) {
        return walk.wholeNumber(object, at, key, fallback, Timeouts.MIN_MILLIS, Timeouts.MAX_MILLIS, "milliseconds");
    }

    /**
     * The {@code errors} object of a pipeline; {@link ErrorPolicy#DEFAULT} for what it lacks.
     *
     * @param name the pipeline's name, which its dead-letter stage belongs to
     */
    ErrorPolicy errors(ObjectNode pipeline, String pipelinePath, String name) {
        Optional<ObjectNode> found = walk.optionalObject(pipeline, pipelinePath, "errors");
        if (found.isEmpty()) {
            return ErrorPolicy.DEFAULT;
        }
        ObjectNode object = found.get();
        String at = JsonPaths.field(pipelinePath, "errors");
        walk.knownKeys(object, at, ERRORS_KEYS);
        Optional<Tolerance> tolerance = walk.choice(object, at, "tolerance", TOLERANCES, false)
                .flatMap(word -> byWord(Tolerance.values(), Tolerance::word, word));
        Optional<StageConfig> deadLetter = stages.stage(object, at, "deadLetter", false, "\"errors\"", name,
                ExtensionKind.SINK);
        long maxFailures = walk.wholeNumber(object, at, "maxFailures", ErrorPolicy.MAX_FAILURES, 0,
                ErrorPolicy.MAX_FAILURES, "records");
        double ratio = walk.decimalNumber(object, at, DecimalNumber.above("maxFailureRatio", 0, 1),
                ErrorPolicy.DEFAULT_MAX_FAILURE_RATIO);
        Tolerance chosen = tolerance.orElse(Tolerance.NONE);
        return new ErrorPolicy(chosen, deadLetter, maxFailures, ratio);
    }

    /** The {@code restart} object of a pipeline; {@link RestartPolicy#DEFAULT} for what it lacks. */
    RestartPolicy restart(ObjectNode pipeline, String pipelinePath) {
        Optional<ObjectNode> found = walk.optionalObject(pipeline, pipelinePath, "restart");
        if (found.isEmpty()) {
            return RestartPolicy.DEFAULT;
        }
        ObjectNode object = found.get();
        String at = JsonPaths.field(pipelinePath, "restart");
        walk.knownKeys(object, at, RESTART_KEYS);
        RestartPolicy defaults = RestartPolicy.DEFAULT;
        Policy policy = walk.choice(object, at, "policy", POLICIES, false)
                .flatMap(word -> byWord(Policy.values(), Policy::word, word))
                .orElse(defaults.policy());
        long maxRestarts = walk.wholeNumber(object, at, "maxRestarts", defaults.maxRestarts(), 0,
                RestartPolicy.MAX_RESTARTS, "restarts");
        int before = walk.errorCount();
        long initial = walk.wholeNumber(object, at, "initialBackoffMillis", defaults.initialBackoffMillis(), 0,
                Timeouts.MAX_MILLIS, "milliseconds");
        long max = walk.wholeNumber(object, at, "maxBackoffMillis", defaults.maxBackoffMillis(), 0,
                Timeouts.MAX_MILLIS, "milliseconds");
        if (walk.errorCount() == before && max < initial) {
            backoffOutOfOrder(object, at, initial, max);
        }
        double multiplier = walk.decimalNumber(object, at,
                DecimalNumber.within("multiplier", 1, RestartPolicy.MAX_MULTIPLIER), defaults.multiplier());
        double jitter = walk.decimalNumber(object, at, DecimalNumber.within("jitter", 0, 1), defaults.jitter());
        return new RestartPolicy(policy, (int) maxRestarts, initial, Math.max(initial, max), multiplier, jitter);
    }

    private void backoffOutOfOrder(ObjectNode restart, String at, long initial, long max) {
        String initialDefault = present(restart, "initialBackoffMillis") ? "" : " (the default)";
        String maxDefault = present(restart, "maxBackoffMillis") ? "" : " (the default)";
        walk.error(JsonPaths.field(at, "maxBackoffMillis"), "\"maxBackoffMillis\": " + max + maxDefault
                + " is below \"initialBackoffMillis\": " + initial + initialDefault,
                "make \"maxBackoffMillis\" at least " + initial + " or \"initialBackoffMillis\" at most " + max);
    }

    private static <E> Optional<E> byWord(E[] values, Function<E, String> word, String written) {
        return Arrays.stream(values).filter(value -> word.apply(value).equals(written)).findFirst();
    }

    private static boolean present(ObjectNode object, String key) {
        JsonNode node = object.get(key);
        return node != null && !node.isNull();
    }
}
