package dev.patchbay.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RenderedCacheTest {

    private static final Request REQUEST = new Request("GET", "/pipelines", Map.of(), Map.of(), Map.of(), new byte[0]);

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger renders = new AtomicInteger();
    private final RenderedCache cache = new RenderedCache(request -> Response.text("text/plain",
            "render " + renders.incrementAndGet()), Duration.ofMillis(250), now::get);

    @Test
    void aResponseIsReusedWithinItsMaximumAgeAndRenderedAgainAfterIt() throws Exception {
        Response first = cache.get(REQUEST);
        now.addAndGet(Duration.ofMillis(249).toNanos());
        assertThat(cache.get(REQUEST)).isSameAs(first);

        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(new String(cache.get(REQUEST).body())).isEqualTo("render 2");
    }

    @Test
    void anInvalidatedResponseIsRenderedAgainAtOnce() throws Exception {
        cache.get(REQUEST);
        cache.invalidate();

        assertThat(new String(cache.get(REQUEST).body())).isEqualTo("render 2");
    }

    @Test
    void callersArrivingWhileItRendersWaitForThatRenderInsteadOfRenderingToo() throws Exception {
        CountDownLatch rendering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowRenders = new AtomicInteger();
        RenderedCache slow = new RenderedCache(request -> {
            slowRenders.incrementAndGet();
            rendering.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            return Response.text("text/plain", "slow");
        }, Duration.ofSeconds(60), now::get);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            answers.add(callers.submit(() -> slow.get(REQUEST)));
            assertThat(rendering.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 7; i++) {
                answers.add(callers.submit(() -> slow.get(REQUEST)));
            }
            release.countDown();
            for (Future<Response> answer : answers) {
                assertThat(new String(answer.get(10, TimeUnit.SECONDS).body())).isEqualTo("slow");
            }
        } finally {
            callers.shutdownNow();
            assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(slowRenders).hasValue(1);
    }
}
