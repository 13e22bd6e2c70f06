package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLocatorTest {

    private static final Path CWD = Path.of("/work");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing set: working directory", null, null, null, null, null,
                        "/work", "/work/config/patchbay.json", false),
                Arguments.of("launcher property", null, null, "/opt/pb", null, null,
                        "/opt/pb", "/opt/pb/config/patchbay.json", false),
                Arguments.of("PATCHBAY_HOME beats the launcher property", "/srv/pb", null, "/opt/pb", null, null,
                        "/srv/pb", "/srv/pb/config/patchbay.json", false),
                Arguments.of("--home beats PATCHBAY_HOME", "/srv/pb", null, "/opt/pb", "/home/me/pb", null,
                        "/home/me/pb", "/home/me/pb/config/patchbay.json", false),
                Arguments.of("PATCHBAY_CONFIG names the file", "/srv/pb", "/etc/pb.json", null, null, null,
                        "/srv/pb", "/etc/pb.json", true),
                Arguments.of("--config beats PATCHBAY_CONFIG", "/srv/pb", "/etc/pb.json", null, null, "my.json",
                        "/srv/pb", "/work/my.json", true),
                Arguments.of("relative values resolve against the working directory", "pb", "conf/x.json", null,
                        null, null, "/work/pb", "/work/conf/x.json", true),
                Arguments.of("blank environment values are ignored", " ", "", "/opt/pb", null, null,
                        "/opt/pb", "/opt/pb/config/patchbay.json", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void locationsFollowFlagsThenEnvironmentThenLauncherThenWorkingDirectory(String name, String envHome,
            String envConfig, String property, String homeFlag, String configFlag, String home, String file,
            boolean explicit) {
        Map<String, String> env = new HashMap<>();
        if (envHome != null) {
            env.put("PATCHBAY_HOME", envHome);
        }
        if (envConfig != null) {
            env.put("PATCHBAY_CONFIG", envConfig);
        }
        ConfigLocator locator = new ConfigLocator(env, Optional.ofNullable(property), CWD);

        ConfigSource source = locator.locate(Optional.ofNullable(homeFlag).map(Path::of),
                Optional.ofNullable(configFlag).map(Path::of));

        assertThat(source.home()).isEqualTo(Path.of(home));
        assertThat(source.file()).isEqualTo(Path.of(file));
        assertThat(source.explicit()).isEqualTo(explicit);
    }
}
