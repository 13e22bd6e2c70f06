package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rate limit on a clock the test moves. */
class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_000 * SECOND;

    private final AtomicLong now = new AtomicLong(T0);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aNegativeRateIsRejectedNamingTheKeyAndValue() {
        assertThatThrownBy(() -> new RateLimiter(-1, now::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRecordsPerSecond must not be negative, got -1");
    }

    @Test
    void aRateOfZeroIsNoLimit() {
        RateLimiter none = new RateLimiter(0, now::get);

        assertThat(none.limited()).isFalse();
        assertThat(none.delayAfter(1_000_000)).isZero();
    }

    @ParameterizedTest(name = "{0} records/s: {1} records wait {2} ns")
    @CsvSource({
        "10,         5,    500000000",
        "3,          1,    333333333",
        "1000000000, 7,    7",
        // Faster than a nanosecond per record: one nanosecond each, never a free pass.
        "2000000000, 1000, 1000",
    })
    void theFirstChunkWaitsForItsRecordsAtTheRate(long rate, int records, long delay) {
        RateLimiter limiter = new RateLimiter(rate, now::get);

        assertThat(limiter.limited()).isTrue();
        assertThat(limiter.delayAfter(records)).isEqualTo(delay);
    }

    @Test
    void anEmptyChunkCostsNothingAndStartsNoMeasure() {
        RateLimiter limiter = new RateLimiter(10, now::get);

        assertThat(limiter.delayAfter(0)).isZero();
        now.addAndGet(SECOND / 2);
        assertThat(limiter.delayAfter(1)).isEqualTo(SECOND / 10);
    }

    @Test
    void theRateIsMeasuredFromTheFirstChunk() {
        RateLimiter limiter = new RateLimiter(10, now::get);

        assertThat(limiter.delayAfter(5)).isEqualTo(SECOND / 2);
        now.addAndGet(SECOND / 4);
        assertThat(limiter.delayAfter(5)).as("10 records allowed at 1 s, a quarter gone").isEqualTo(SECOND * 3 / 4);
        now.addAndGet(SECOND * 2);
        assertThat(limiter.delayAfter(1)).as("behind the rate: no wait").isZero();
    }

    @Test
    void anIdleSourceBuildsUpNoMoreThanOneSecondOfCredit() {
        RateLimiter limiter = new RateLimiter(10, now::get);
        limiter.delayAfter(1);

        now.addAndGet(60 * SECOND);

        assertThat(limiter.delayAfter(10)).as("one second of credit used up exactly").isZero();
        assertThat(limiter.delayAfter(5)).isEqualTo(SECOND / 2);
    }

    @Test
    void awaitWaitsUntilTheClockPassesTheDelayAndCountsTheWait() throws InterruptedException {
        // 1000 ns per record; the clock moves 1000 ns at every read, so the wait is short in real time too.
        RateLimiter limiter = new RateLimiter(1_000_000, () -> now.getAndAdd(1000));

        limiter.await(5, () -> false);

        assertThat(limiter.waitedNanos()).isEqualTo(6000);
        limiter.await(0, () -> false);
        assertThat(limiter.waitedNanos()).as("no delay, no wait").isEqualTo(6000);
    }

    @Test
    void awaitReturnsAtOnceWhenTheSourceMustStop() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(1, () -> now.getAndAdd(1000));

        limiter.await(3600, () -> true);

        assertThat(limiter.waitedNanos()).isEqualTo(1000);
    }

    @Test
    void anInterruptEndsTheWaitWithInterruptedException() {
        RateLimiter limiter = new RateLimiter(1, now::get);
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> limiter.await(3600, () -> false))
                .isInstanceOf(InterruptedException.class)
                .hasMessage("interrupted while waiting out maxRecordsPerSecond");
        assertThat(limiter.waitedNanos()).isZero();
    }
}
