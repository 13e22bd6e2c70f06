package dev.patchbay.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParentWatchTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void theEndOfInputRunsTheActionAndTheThreadEnds() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        PipedOutputStream parent = new PipedOutputStream();
        PipedInputStream child = new PipedInputStream(parent);

        Thread watch = ParentWatch.start(child, gone::countDown);
        parent.write("ignored".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        parent.flush();
        assertThat(gone.await(200, TimeUnit.MILLISECONDS)).as("input that has not ended").isFalse();
        parent.close();

        assertThat(gone.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        watch.join(DEADLINE.toMillis());
        assertThat(watch.isAlive()).isFalse();
        assertThat(watch.getName()).isEqualTo(ParentWatch.THREAD_NAME);
        assertThat(watch.isDaemon()).isTrue();
    }

    @Test
    void aReadErrorCountsAsTheParentGone() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("broken pipe");
            }
        };

        Thread watch = ParentWatch.start(broken, gone::countDown);

        assertThat(gone.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        watch.join(DEADLINE.toMillis());
        assertThat(watch.isAlive()).isFalse();
    }

    @Test
    void anEmptyInputEndsAtOnce() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);

        ParentWatch.start(new ByteArrayInputStream(new byte[0]), gone::countDown).join(DEADLINE.toMillis());

        assertThat(gone.getCount()).isZero();
    }
}
