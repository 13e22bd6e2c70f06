package dev.patchbay.host.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The token file (created 0600, read, refused when shared) and how an Authorization header is judged. */
class AdminTokenTest {

    private static final String TOKEN = "s3cr3t-Token_value";

    @TempDir
    Path home;

    @Test
    void theFirstStartCreatesARandomUrlSafeTokenReadableByTheOwnerOnlyWithItsFolders() throws IOException {
        Path file = home.resolve("state/deeper/admin.token");

        AdminToken token = AdminToken.loadOrCreate(file, new SecureRandom());

        assertThat(token.value()).matches("[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(file)).isEqualTo(token.value() + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(AdminToken.loadOrCreate(file, new SecureRandom()).value()).isEqualTo(token.value());
        assertThat(AdminToken.loadOrCreate(home.resolve("other"), new SecureRandom()).value())
                .isNotEqualTo(token.value());
    }

    @Test
    void anExistingFileIsReadTrimmed() throws IOException {
        Path file = ownerOnly("  " + TOKEN + " \n\n");

        assertThat(AdminToken.loadOrCreate(file, new SecureRandom()).value()).isEqualTo(TOKEN);
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path file = ownerOnly(" \n");

        assertThatThrownBy(() -> AdminToken.loadOrCreate(file, new SecureRandom())).isInstanceOf(IOException.class)
                .hasMessageContaining(file + " is empty");
    }

    @ParameterizedTest
    @CsvSource({"rw-r-----", "rw----r--", "rw--w----", "rw-rw-rw-"})
    void aFileOthersMayReadOrWriteIsRefusedWithTheFix(String permissions) throws IOException {
        Path file = ownerOnly(TOKEN);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));

        assertThatThrownBy(() -> AdminToken.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(permissions).hasMessageContaining("chmod 600 " + file);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "'Bearer s3cr3t-Token_value'      | true",
        "'bearer s3cr3t-Token_value'      | true",
        "'BEARER s3cr3t-Token_value'      | true",
        "'Bearer   s3cr3t-Token_value'    | true",
        "' Bearer s3cr3t-Token_value  '   | true",
        "'Bearer s3cr3t-Token_valu'       | false",
        "'Bearer s3cr3t-Token_valuee'     | false",
        "'Bearer s3cr3t-Token_valuf'      | false",
        "'Bearer S3CR3T-TOKEN_VALUE'      | false",
        "'Bearer s3cr3t-Token_value x'    | false",
        "'Bearer s3cr3t -Token_value'     | false",
        "'Bearer\ts3cr3t-Token_value'     | false",
        "'Bearers3cr3t-Token_value'       | false",
        "'Basic s3cr3t-Token_value'       | false",
        "'s3cr3t-Token_value'             | false",
        "'Bearer '                        | false",
        "'Bearer'                         | false",
        "''                               | false",
    })
    void anAuthorizationHeaderIsJudgedExactly(String header, boolean accepted) throws IOException {
        AdminToken token = AdminToken.read(ownerOnly(TOKEN));

        assertThat(token.accepts(Optional.of(header))).isEqualTo(accepted);
    }

    @Test
    void noHeaderIsRefusedAndTheTokenIsNeverPrinted() throws IOException {
        AdminToken token = AdminToken.read(ownerOnly(TOKEN));

        assertThat(token.accepts(Optional.empty())).isFalse();
        assertThat(token.toString()).doesNotContain(TOKEN);
    }

    private Path ownerOnly(String content) throws IOException {
        Path file = home.resolve("admin.token");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
        return file;
    }
}
