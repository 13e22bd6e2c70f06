package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a browser, the browser tests fail and say what to install; they never pass by being skipped. */
class ChromiumIT {

    @TempDir
    Path temp;

    @Test
    void aMissingBrowserIsAFailureThatNamesThePackagesToInstall() {
        Path missing = temp.resolve("chromium");

        assertThatThrownBy(() -> Chromium.executable(missing, "chromium")).isInstanceOf(AssertionError.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("apt-get install chromium chromium-driver")
                .hasMessageContaining("-D" + Chromium.BROWSER_PROPERTY);
    }

    @Test
    void anInstalledBrowserIsUsedFromWhereItIs() {
        Path chromium = Path.of(System.getProperty(Chromium.BROWSER_PROPERTY, "/usr/bin/chromium"));

        assertThat(Chromium.executable(chromium, "chromium")).isEqualTo(chromium);
    }
}
