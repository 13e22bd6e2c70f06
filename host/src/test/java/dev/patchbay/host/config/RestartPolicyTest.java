package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The restart back-off and the bounds of its settings. */
class RestartPolicyTest {

    private static final RestartPolicy POLICY = new RestartPolicy(RestartPolicy.Policy.ON_FAILURE, 10, 1000, 60_000,
            2, 0.2);

    @ParameterizedTest(name = "restart {0}: {1} ms")
    @CsvSource({
        "0,  1000",
        "1,  1000",
        "2,  2000",
        "3,  4000",
        "6,  32000",
        // Capped at maxBackoffMillis.
        "7,  60000",
        "40, 60000",
    })
    void theBackoffGrowsByTheMultiplierUpToTheMaximum(int attempt, long millis) {
        assertThat(POLICY.backoffMillis(attempt)).isEqualTo(millis);
    }

    @ParameterizedTest(name = "restart {0}, random {1}: {2} ms")
    @CsvSource({
        "1, 0.0,  800",
        "1, 0.5,  1000",
        "1, 0.75, 1100",
        "1, 0.99, 1196",
        "3, 0.0,  3200",
        // Jitter never takes a delay past the maximum.
        "7, 0.99, 60000",
        "7, 0.0,  48000",
    })
    void jitterMovesTheDelayByUpToItsShareEitherWay(int attempt, double random, long millis) {
        assertThat(POLICY.jitteredBackoffMillis(attempt, random)).isEqualTo(millis);
    }

    @Test
    void withoutJitterTheDelayIsTheBackoff() {
        RestartPolicy exact = new RestartPolicy(RestartPolicy.Policy.ON_FAILURE, 3, 500, 500, 1, 0);

        assertThat(exact.jitteredBackoffMillis(1, 0.99)).isEqualTo(500);
        assertThat(exact.jitteredBackoffMillis(5, 0.0)).isEqualTo(500);
    }

    @Test
    void theDefaultNeverRestarts() {
        assertThat(RestartPolicy.DEFAULT).isEqualTo(new RestartPolicy(RestartPolicy.Policy.NEVER, 10, 1000, 60_000,
                2.0, 0.2));
        assertThat(RestartPolicy.Policy.NEVER.word()).isEqualTo("never");
        assertThat(RestartPolicy.Policy.ON_FAILURE.word()).isEqualTo("on-failure");
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4}")
    @CsvSource(delimiter = '|', value = {
        "-1      | 0    | 0        | 1    | 0   | restart.maxRestarts -1 must be within 0..1000000",
        "1000001 | 0    | 0        | 1    | 0   | restart.maxRestarts 1000001 must be within 0..1000000",
        "0       | -1   | 0        | 1    | 0   | restart backoff -1..0 ms must satisfy 0 <= initialBackoffMillis <= maxBackoffMillis <= 86400000",
        "0       | 10   | 9        | 1    | 0   | restart backoff 10..9 ms must satisfy 0 <= initialBackoffMillis <= maxBackoffMillis <= 86400000",
        "0       | 0    | 86400001 | 1    | 0   | restart backoff 0..86400001 ms must satisfy 0 <= initialBackoffMillis <= maxBackoffMillis <= 86400000",
        "0       | 0    | 0        | 0.99 | 0   | restart.multiplier 0.99 must be within 1..10.0",
        "0       | 0    | 0        | 10.5 | 0   | restart.multiplier 10.5 must be within 1..10.0",
        "0       | 0    | 0        | NaN  | 0   | restart.multiplier NaN must be within 1..10.0",
        "0       | 0    | 0        | 1    | -0.1| restart.jitter -0.1 must be within 0..1",
        "0       | 0    | 0        | 1    | 1.1 | restart.jitter 1.1 must be within 0..1",
        "0       | 0    | 0        | 1    | NaN | restart.jitter NaN must be within 0..1",
    })
    void settingsOutOfRangeAreRejectedNamingTheKeyAndValue(int maxRestarts, long initial, long max, double multiplier,
            double jitter, String message) {
        assertThatThrownBy(() -> new RestartPolicy(RestartPolicy.Policy.ON_FAILURE, maxRestarts, initial, max,
                multiplier, jitter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4}")
    @CsvSource({
        "0,       0,        0,        1,  0",
        "1000000, 86400000, 86400000, 10, 1",
    })
    void theBoundsThemselvesAreAccepted(int maxRestarts, long initial, long max, double multiplier, double jitter) {
        assertThat(new RestartPolicy(RestartPolicy.Policy.ON_FAILURE, maxRestarts, initial, max, multiplier, jitter)
                .maxRestarts()).isEqualTo(maxRestarts);
    }

    @Test
    void aPolicyIsRequired() {
        assertThatThrownBy(() -> new RestartPolicy(null, 0, 0, 0, 1, 0)).hasMessage("policy");
    }
}
