package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Parses a time from a field and writes it back in another format. */
@Extension(name = "timestamp", description = "Parses a date-time field and writes it in another format:"
        + " epoch milliseconds or seconds, ISO-8601 or a java.time pattern.")
public final class TimestampFactory implements ProcessorFactory {

    static final String FIELD = "field";
    static final String INPUT_FORMAT = "inputFormat";
    static final String OUTPUT_FORMAT = "outputFormat";
    static final String ZONE = "zone";
    static final String TARGET = "target";

    // Afternoon, with every field distinct, so that a pattern that loses the hour, the minutes or the
    // AM/PM marker fails the read-back check at create time.
    private static final Instant PROBE = Instant.parse("2001-02-03T16:05:06.789Z");
    private static final String FORMATS = "epochMillis, epochSeconds, iso, or a java.time pattern such as"
            + " \"yyyy-MM-dd HH:mm:ss\"";

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.required(FIELD, SettingType.STRING, "The field holding the time; absent fields are left"
                        + " alone and a null value stays null."),
                Setting.required(INPUT_FORMAT, SettingType.STRING, "How the field's value is read: epochMillis or"
                        + " epochSeconds (a number, or numeric text), iso (ISO-8601 such as 2024-05-01T12:30:00Z,"
                        + " 2024-05-01T14:30:00+02:00, 2024-05-01T12:30:00 or 2024-05-01), or a java.time pattern"
                        + " such as \"dd/MM/yyyy HH:mm\". Times without an offset are taken in zone; a date"
                        + " without a time is midnight."),
                Setting.required(OUTPUT_FORMAT, SettingType.STRING, "How the time is written: epochMillis or"
                        + " epochSeconds (a long; seconds round down), iso (ISO-8601 with the offset of zone,"
                        + " such as 2024-05-01T12:30:00Z), or a java.time pattern, formatted in zone."),
                Setting.optional(ZONE, SettingType.STRING, "The time zone for reading times without an offset and"
                        + " for writing iso and pattern output: a region such as Europe/Paris, an offset such as"
                        + " +02:00, or UTC.").withDefault("UTC"),
                Setting.optional(TARGET, SettingType.STRING, "The field that receives the result; by default the"
                        + " field itself is replaced. A different target leaves the original field in place."),
                OnError.setting("a value cannot be read in the input format or written in the output format"));
    }

    @Override
    public Processor create(Settings settings, ExtensionContext context) {
        String extension = settings.extension();
        String field = settings.getString(FIELD);
        if (field.isEmpty()) {
            throw new SettingsException(extension, FIELD, "is empty; give the name of the field holding the time");
        }
        String target = settings.find(TARGET).map(String.class::cast).orElse(field);
        if (target.isEmpty()) {
            throw new SettingsException(extension, TARGET, "is empty; give a field name, or remove the setting to"
                    + " replace the field itself");
        }
        ZoneId zone = zone(extension, settings.getString(ZONE));
        TimeFormat input = format(extension, INPUT_FORMAT, settings.getString(INPUT_FORMAT));
        TimeFormat output = format(extension, OUTPUT_FORMAT, settings.getString(OUTPUT_FORMAT));
        checkOutput(extension, output, zone);
        checkReadBack(extension, input, zone);
        FailurePolicy failures = new FailurePolicy(extension, OnError.from(settings), context);
        return (record, out) -> {
            int index = record.indexOf(field);
            if (index < 0) {
                out.emit(record);
                return;
            }
            Object value = record.value(index);
            Row result;
            if (value == null) {
                result = target.equals(field) ? record : record.with(target, null);
            } else {
                try {
                    result = record.with(target, output.format(input.parse(value, zone), zone));
                } catch (ConversionException e) {
                    result = failures.fail(record, field, target, e, out);
                } catch (DateTimeException | ArithmeticException e) {
                    result = failures.fail(record, field, target, new ConversionException(Describe.value(value)
                            + " cannot be written in " + output.label() + " (" + e.getMessage() + ")", e), out);
                }
            }
            if (result != null) {
                out.emit(result);
            }
        };
    }

    private static ZoneId zone(String extension, String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw Invalid.setting(extension, ZONE, Describe.quote(zone) + " is not a time zone (" + e.getMessage()
                    + "); use a region such as Europe/Paris, an offset such as +02:00, or UTC", e);
        }
    }

    private static TimeFormat format(String extension, String key, String name) {
        if (name.isBlank()) {
            throw new SettingsException(extension, key, "is empty; use " + FORMATS);
        }
        try {
            return TimeFormat.of(name);
        } catch (IllegalArgumentException e) {
            throw Invalid.setting(extension, key, Describe.quote(name) + " is not a valid java.time pattern ("
                    + e.getMessage() + "); use " + FORMATS + ", and quote literal letters like 'T'", e);
        }
    }

    private static void checkOutput(String extension, TimeFormat output, ZoneId zone) {
        try {
            output.format(PROBE, zone);
        } catch (DateTimeException e) {
            throw Invalid.setting(extension, OUTPUT_FORMAT, output.label() + " cannot format a date-time ("
                    + e.getMessage() + "); use " + FORMATS, e);
        }
    }

    // A pattern that cannot read back what it writes (no day, a 12-hour clock without AM/PM, ...) would
    // turn every record into an error or, worse, silently into a wrong time; refuse it up front.
    private static void checkReadBack(String extension, TimeFormat input, ZoneId zone) {
        Object written;
        try {
            written = input.format(PROBE, zone);
        } catch (DateTimeException e) {
            throw Invalid.setting(extension, INPUT_FORMAT, input.label() + " cannot format a date-time ("
                    + e.getMessage() + "); use " + FORMATS, e);
        }
        String fix = "; include year, month and day and, if there is a time, the hour (HH, or hh with a), for"
                + " example \"yyyy-MM-dd HH:mm:ss\"";
        try {
            Object again = input.format(input.parse(written, zone), zone);
            if (!again.equals(written)) {
                throw new SettingsException(extension, INPUT_FORMAT, input.label() + " cannot read back what it"
                        + " writes: " + Describe.value(written) + " reads as " + Describe.value(again) + fix);
            }
        } catch (ConversionException e) {
            throw Invalid.setting(extension, INPUT_FORMAT, input.label() + " cannot read back what it writes: "
                    + e.getMessage() + fix, e);
        }
    }
}
