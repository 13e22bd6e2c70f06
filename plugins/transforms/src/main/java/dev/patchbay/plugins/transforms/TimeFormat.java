package dev.patchbay.plugins.transforms;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * One side of the timestamp transform: how an instant is read from a field value and written back.
 * Instances are immutable and thread-safe ({@link DateTimeFormatter} is).
 */
abstract class TimeFormat {

    static final String EPOCH_MILLIS = "epochMillis";
    static final String EPOCH_SECONDS = "epochSeconds";
    static final String ISO = "iso";

    // ISO-8601 date, optionally with a time, an offset and a bracketed region such as [Europe/Paris].
    private static final DateTimeFormatter ISO_INPUT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffsetId()
            .optionalEnd()
            .optionalStart()
            .appendLiteral('[')
            .parseCaseSensitive()
            .appendZoneRegionId()
            .appendLiteral(']')
            .optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT);

    private final String label;

    private TimeFormat(String label) {
        this.label = label;
    }

    /**
     * Returns the format a setting names.
     *
     * @throws IllegalArgumentException for a pattern {@link DateTimeFormatter#ofPattern} rejects
     */
    static TimeFormat of(String name) {
        return switch (name) {
            case EPOCH_MILLIS -> new Epoch(name, true);
            case EPOCH_SECONDS -> new Epoch(name, false);
            case ISO -> new Text(name, ISO_INPUT, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            default -> {
                // STRICT so that 2024-02-30 is an error rather than quietly February 29; with STRICT a
                // year-of-era (yyyy) resolves only with an era, hence the default of CE.
                DateTimeFormatter input = new DateTimeFormatterBuilder()
                        .appendPattern(name)
                        .parseDefaulting(ChronoField.ERA, 1)
                        .toFormatter(Locale.ENGLISH)
                        .withResolverStyle(ResolverStyle.STRICT);
                DateTimeFormatter output = DateTimeFormatter.ofPattern(name, Locale.ENGLISH);
                yield new Text("pattern \"" + name + "\"", input, output);
            }
        };
    }

    String label() {
        return label;
    }

    /**
     * Reads an instant from a non-null value; local dates and times are taken in {@code zone}.
     *
     * @throws ConversionException quoting the value when it does not hold a time in this format
     */
    abstract Instant parse(Object value, ZoneId zone) throws ConversionException;

    /**
     * Writes an instant as seen in {@code zone}.
     *
     * @throws DateTimeException if the instant cannot be represented in this format
     */
    abstract Object format(Instant instant, ZoneId zone);

    private static final class Epoch extends TimeFormat {

        private static final BigDecimal MIN_SECONDS = BigDecimal.valueOf(Instant.MIN.getEpochSecond());
        private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Instant.MAX.getEpochSecond());
        private static final BigDecimal BELOW_HALF_A_NANOSECOND = new BigDecimal("1e-10");

        private final boolean millis;

        Epoch(String label, boolean millis) {
            super(label);
            this.millis = millis;
        }

        @Override
        Instant parse(Object value, ZoneId zone) throws ConversionException {
            try {
                if (value instanceof Long l) {
                    return millis ? Instant.ofEpochMilli(l) : Instant.ofEpochSecond(l);
                }
                if (value instanceof String s) {
                    String text = s.strip();
                    int kind = Numbers.classify(text);
                    if (kind == Numbers.LONG) {
                        long l = Numbers.parseLong(text);
                        return millis ? Instant.ofEpochMilli(l) : Instant.ofEpochSecond(l);
                    }
                    if (kind == Numbers.DOUBLE) {
                        return fromDecimal(new BigDecimal(text), value);
                    }
                    throw new ConversionException(Describe.value(value) + " is not a number of " + unit());
                }
                if (value instanceof Double d) {
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        throw new ConversionException(Describe.value(value) + " is not a number of " + unit());
                    }
                    // valueOf goes through the shortest decimal text of the double, so 1714566600.123
                    // seconds gives .123 and not the binary approximation's .122999906.
                    return fromDecimal(BigDecimal.valueOf(d), value);
                }
            } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
                // NumberFormatException: an exponent beyond the int range, such as 1e9999999999.
                throw new ConversionException(Describe.value(value) + " is out of range for " + unit(), e);
            }
            throw new ConversionException(Describe.value(value) + " is not a number of " + unit());
        }

        private Instant fromDecimal(BigDecimal number, Object value) throws ConversionException {
            BigDecimal seconds = millis ? number.movePointLeft(3) : number;
            // Compare magnitudes before rounding: rounding 1e999999999 or 1e-999999999 to whole seconds
            // would compute ten to the billionth power.
            if (seconds.compareTo(MIN_SECONDS) < 0 || seconds.compareTo(MAX_SECONDS) > 0) {
                throw new ConversionException(Describe.value(value) + " is out of range for " + unit());
            }
            if (seconds.abs().compareTo(BELOW_HALF_A_NANOSECOND) < 0) {
                return Instant.EPOCH;
            }
            BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
            long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
            return Instant.ofEpochSecond(whole.longValueExact(), nanos);
        }

        private String unit() {
            return millis ? "milliseconds since 1970-01-01T00:00:00Z" : "seconds since 1970-01-01T00:00:00Z";
        }

        @Override
        Object format(Instant instant, ZoneId zone) {
            return millis ? instant.toEpochMilli() : instant.getEpochSecond();
        }
    }

    private static final class Text extends TimeFormat {

        private final DateTimeFormatter input;
        private final DateTimeFormatter output;

        Text(String label, DateTimeFormatter input, DateTimeFormatter output) {
            super(label);
            this.input = input;
            this.output = output;
        }

        @Override
        Instant parse(Object value, ZoneId zone) throws ConversionException {
            if (!(value instanceof String text)) {
                throw new ConversionException(Describe.value(value) + " is not text in " + label());
            }
            TemporalAccessor parsed;
            try {
                parsed = input.parse(text);
            } catch (DateTimeException e) {
                throw new ConversionException(Describe.value(value) + " does not match " + label() + " ("
                        + e.getMessage() + ")", e);
            }
            return resolve(parsed, zone, value);
        }

        private Instant resolve(TemporalAccessor parsed, ZoneId zone, Object value) throws ConversionException {
            try {
                if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
                    return Instant.from(parsed);
                }
                LocalDate date = parsed.query(TemporalQueries.localDate());
                if (date == null) {
                    throw new ConversionException(Describe.value(value) + " holds no full date (year, month and"
                            + " day) in " + label());
                }
                LocalTime time = parsed.query(TemporalQueries.localTime());
                ZoneId parsedZone = parsed.query(TemporalQueries.zone());
                return ZonedDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time,
                        parsedZone == null ? zone : parsedZone).toInstant();
            } catch (DateTimeException e) {
                throw new ConversionException(Describe.value(value) + " is not a valid time in " + label() + " ("
                        + e.getMessage() + ")", e);
            }
        }

        @Override
        Object format(Instant instant, ZoneId zone) {
            return output.format(instant.atZone(zone));
        }
    }
}
