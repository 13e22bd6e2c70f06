package dev.patchbay.host.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The configuration file's bytes as text: strict UTF-8, so that a file saved in another encoding is named. */
final class ConfigText {

    private ConfigText() {
    }

    /**
     * Decodes the file's bytes.
     *
     * @throws ConfigException if they are not valid UTF-8
     */
    static String decode(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, List.of(new ConfigError(JsonPaths.ROOT, Location.UNKNOWN,
                    "the configuration file is not valid UTF-8", "save the file in UTF-8 encoding")), e);
        }
    }
}
