package dev.patchbay.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerLauncherTest {

    @TempDir
    Path temp;

    @Test
    void anAttachedBrokerWatchesItsInputAndAFreshOneIsFormatted() {
        BrokerDirectory directory = BrokerDirectory.open(temp.resolve("b"));

        List<String> command = BrokerLauncher.command(directory, "AAAAAAAAAAAAAAAAAAAAAA", true);

        assertThat(command).containsSubsequence("-D" + BrokerLauncher.DIRECTORY_PROPERTY + "=" + directory.root(),
                "@" + directory.javaArguments(), BrokerProcess.class.getName(), BrokerProcess.EXIT_WITH_PARENT,
                BrokerProcess.FORMAT, "AAAAAAAAAAAAAAAAAAAAAA", directory.serverProperties().toString());
    }

    @Test
    void aDetachedFormattedBrokerHasNeitherOption() {
        BrokerDirectory directory = BrokerDirectory.open(temp.resolve("b"));

        List<String> command = BrokerLauncher.command(directory, "", false);

        assertThat(command).doesNotContain(BrokerProcess.EXIT_WITH_PARENT, BrokerProcess.FORMAT)
                .endsWith(BrokerProcess.class.getName(), directory.serverProperties().toString());
    }

    @Test
    void theArgumentFileQuotesTheClassPath() {
        assertThat(BrokerLauncher.javaArguments("/a b/x.jar:C:\\y \"z\".jar"))
                .isEqualTo("-cp\n\"/a b/x.jar:C:\\\\y \\\"z\\\".jar\"\n");
    }

    @Test
    void aProcessWithoutTheDirectoryMarkerIsNotTheBroker() {
        BrokerDirectory directory = BrokerDirectory.open(temp.resolve("b"));

        assertThat(BrokerLauncher.isBrokerOf(ProcessHandle.current(), directory)).isFalse();
    }
}
