package dev.patchbay.plugins.console;

import dev.patchbay.api.Bytes;
import java.util.Base64;

/** How a bytes value is printed: always as text, inside a JSON string in JSON output. */
enum BytesEncoding {

    /** Standard base64 with padding (RFC 4648, section 4). */
    BASE64,
    /** Lower-case hexadecimal, two characters per byte. */
    HEX;

    String encode(Bytes bytes) {
        return this == HEX ? bytes.toHex() : Base64.getEncoder().encodeToString(bytes.toArray());
    }
}
