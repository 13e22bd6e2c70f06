package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalHandlersTest {

    @Test
    void anInstalledHandlerReceivesTheSignalByNameInsteadOfTheJvmDefault() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        SignalHandlers handlers = SignalHandlers.install(List.of("TERM"), received::add);
        try {
            SignalHandlers.raise("TERM");

            assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("SIGTERM");
        } finally {
            handlers.close();
        }
    }

    @Test
    void anUnknownSignalIsReportedWithItsCause() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> SignalHandlers.install(List.of("NOSUCHSIGNAL"), name -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NOSUCHSIGNAL");
    }
}
