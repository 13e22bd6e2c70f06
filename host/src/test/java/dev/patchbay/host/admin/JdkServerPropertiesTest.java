package dev.patchbay.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The JDK server's properties are set only when absent. */
class JdkServerPropertiesTest {

    @Test
    void absentTimeoutsGetTheDefaults() {
        Properties properties = new Properties();

        JdkServerProperties.applyDefaults(properties);

        assertThat(properties).containsEntry("sun.net.httpserver.maxReqTime", "10")
                .containsEntry("sun.net.httpserver.maxRspTime", "30")
                .containsEntry("sun.net.httpserver.idleInterval", "30")
                .containsEntry("sun.net.httpserver.nodelay", "true")
                .containsEntry("sun.net.httpserver.drainAmount", "1048576");
        assertThat(JdkServerProperties.requestSeconds(properties)).isEqualTo(10);
    }

    @Test
    void aTimeoutThatIsSetStays() {
        Properties properties = new Properties();
        properties.setProperty("sun.net.httpserver.maxReqTime", "3");

        JdkServerProperties.applyDefaults(properties);

        assertThat(properties).containsEntry("sun.net.httpserver.maxReqTime", "3")
                .containsEntry("sun.net.httpserver.maxRspTime", "30");
        assertThat(JdkServerProperties.requestSeconds(properties)).isEqualTo(3);
    }
}
