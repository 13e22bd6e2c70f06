package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.Emitter;
import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Hides field values: replaces them with a fixed text or with a salted SHA-256 hash. */
@Extension(name = "mask", description = "Hides field values by replacing them with a fixed text or a salted"
        + " SHA-256 hash.")
public final class MaskFactory implements ProcessorFactory {

    static final String FIELDS = "fields";
    static final String MODE = "mode";
    static final String REPLACEMENT = "replacement";
    static final String SALT = "salt";
    static final String DEFAULT_REPLACEMENT = "****";

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.required(FIELDS, SettingType.LIST, "The names of the fields to mask, for example"
                        + " [\"email\"]; absent fields and null values are left alone."),
                Setting.optional(MODE, SettingType.STRING, "How values are hidden: redact replaces each with the"
                        + " replacement text; hash replaces each with the lower-case hex SHA-256 of the salt followed"
                        + " by the UTF-8 bytes of the value's text (a string as is, 42 as \"42\", 2.5 as \"2.5\","
                        + " true as \"true\"; bytes are hashed as they are).").withDefault("redact")
                        .oneOf("redact", "hash"),
                Setting.optional(REPLACEMENT, SettingType.STRING, "The text that replaces each value in redact"
                        + " mode.").withDefault(DEFAULT_REPLACEMENT),
                Setting.optional(SALT, SettingType.STRING, "Text hashed before each value in hash mode, so that"
                        + " hashes cannot be looked up in tables of common values; empty gives the plain SHA-256.")
                        .withDefault(""),
                OnError.setting("a value cannot be hashed (a list or an object)"));
    }

    @Override
    public Processor create(Settings settings, ExtensionContext context) {
        String extension = settings.extension();
        FieldRef[] fields = FieldSettings.names(settings, FIELDS, "[\"email\"]").stream().map(FieldRef::new)
                .toArray(FieldRef[]::new);
        String replacement = settings.getString(REPLACEMENT);
        String salt = settings.getString(SALT);
        if (settings.getString(MODE).equals("redact")) {
            if (!salt.isEmpty()) {
                throw new SettingsException(extension, SALT, "is " + Describe.quote(salt) + " but applies only to"
                        + " mode \"hash\"; remove it or set \"mode\": \"hash\"");
            }
            return new Redact(fields, replacement);
        }
        if (!replacement.equals(DEFAULT_REPLACEMENT)) {
            throw new SettingsException(extension, REPLACEMENT, "is " + Describe.quote(replacement) + " but applies"
                    + " only to mode \"redact\"; remove it or set \"mode\": \"redact\"");
        }
        return new Hash(fields, new Sha256(salt.getBytes(StandardCharsets.UTF_8)),
                new FailurePolicy(extension, OnError.from(settings), context));
    }

    private static final class Redact implements Processor {

        private final FieldRef[] fields;
        private final String replacement;

        Redact(FieldRef[] fields, String replacement) {
            this.fields = fields;
            this.replacement = replacement;
        }

        @Override
        public void process(Row record, Emitter out) {
            Row result = record;
            for (FieldRef field : fields) {
                int index = field.indexIn(result);
                if (index >= 0 && result.value(index) != null) {
                    result = result.with(field.name(), replacement);
                }
            }
            out.emit(result);
        }
    }

    private static final class Hash implements Processor {

        private final FieldRef[] fields;
        private final Sha256 sha256;
        private final FailurePolicy failures;

        Hash(FieldRef[] fields, Sha256 sha256, FailurePolicy failures) {
            this.fields = fields;
            this.sha256 = sha256;
            this.failures = failures;
        }

        @Override
        public void process(Row record, Emitter out) {
            Row result = record;
            for (FieldRef field : fields) {
                int index = field.indexIn(result);
                if (index < 0) {
                    continue;
                }
                Object value = result.value(index);
                String hash;
                if (value == null) {
                    continue;
                } else if (value instanceof String s) {
                    hash = sha256.hex(s);
                } else if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
                    hash = sha256.hex(value.toString());
                } else if (value instanceof Bytes b) {
                    hash = sha256.hex(b.toArray());
                } else {
                    result = failures.fail(result, field.name(), field.name(), new ConversionException(
                            Describe.value(value) + " cannot be hashed; only strings, numbers, booleans and bytes"
                                    + " can"), out);
                    if (result == null) {
                        return;
                    }
                    continue;
                }
                result = result.with(field.name(), hash);
            }
            out.emit(result);
        }
    }
}
