package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionContextCountTest {

    private final ExtensionContext context = new ExtensionContext() {
        @Override
        public String pluginId() {
            return "files";
        }

        @Override
        public String extensionName() {
            return "csv-source";
        }

        @Override
        public String stageId() {
            return "demo/source";
        }

        @Override
        public System.Logger logger() {
            return System.getLogger("test");
        }

        @Override
        public Path baseDirectory() {
            return Path.of("/tmp");
        }
    };

    @ParameterizedTest(name = "{0} += {1}")
    @CsvSource({"commentLines, 0", "commentLines, 5", "a1, 9223372036854775807"})
    void theDefaultAcceptsLowerCamelCaseNamesAndAmountsOfZeroOrMore(String name, long amount) {
        assertThatCode(() -> context.count(name, amount)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "Comment", "comment-lines", "comment lines", "1st"})
    void theDefaultRefusesOtherNamesQuotingThem(String name) {
        assertThatThrownBy(() -> context.count(name, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counter name '" + name
                        + "' is not valid; use lowerCamelCase letters and digits, for example 'commentLines'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {-1, Long.MIN_VALUE})
    void theDefaultRefusesANegativeAmount(long amount) {
        assertThatThrownBy(() -> context.count("commentLines", amount))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counter 'commentLines' cannot go down, but the amount is " + amount
                        + "; pass a count of zero or more");
    }
}
