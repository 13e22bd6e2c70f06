package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import java.util.Locale;

/** What a processor does with a record whose value it cannot convert. */
enum OnError {

    /** Fail the stage with an error that names the field and quotes the value. */
    STOP,
    /** Drop the record. */
    SKIP,
    /** Set the field to null and keep the record. */
    NULL;

    static final String KEY = "onError";

    static Setting setting(String failure) {
        return Setting.optional(KEY, SettingType.STRING, "What to do when " + failure
                        + ": stop fails the pipeline naming the field and value, skip drops the record, null"
                        + " stores null in place of the result and keeps the record.")
                .withDefault("stop")
                .oneOf("stop", "skip", "null");
    }

    static OnError from(Settings settings) {
        return valueOf(settings.getString(KEY).toUpperCase(Locale.ROOT));
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
