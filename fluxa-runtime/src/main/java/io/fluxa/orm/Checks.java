package io.fluxa.orm;

import io.fluxa.FluxaValidationException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Validation and normalisation used by generated setters, so a value the column cannot hold never
 * reaches SQL. Every method returns the value as it will be stored (e.g. a float rounded to float
 * precision, an empty optional string turned into null).
 */
public final class Checks {

    /** Earliest and latest values MySQL DATE/DATETIME columns accept. */
    private static final int MIN_YEAR = 1000;
    private static final int MAX_YEAR = 9999;

    private Checks() {
    }

    public static long range(AbstractEntity entity, String field, long value, long min, long max, String sqlType) {
        if (value < min || value > max) {
            throw invalid(entity, field, "value " + value + " is out of range " + min + ".." + max + " of "
                    + sqlType + "; use a value in that range or a wider column type");
        }
        return value;
    }

    public static Long range(AbstractEntity entity, String field, Long value, long min, long max, String sqlType) {
        return value == null ? null : range(entity, field, value.longValue(), min, max, sqlType);
    }

    /** A float/double column: finite, non-negative when unsigned, rounded to float precision when 32-bit. */
    public static double floating(AbstractEntity entity, String field, double value, boolean unsigned, boolean float32) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw invalid(entity, field, "value " + value + " cannot be stored in MySQL; use a finite number");
        }
        if (unsigned && value < 0) {
            throw invalid(entity, field, "value " + value + " is negative but the column is unsigned");
        }
        if (float32) {
            if (Math.abs(value) > Float.MAX_VALUE) {
                throw invalid(entity, field, "value " + value + " is out of range of float; use a double field");
            }
            return (float) value;
        }
        return value;
    }

    public static Double floating(AbstractEntity entity, String field, Double value, boolean unsigned, boolean float32) {
        return value == null ? null : floating(entity, field, value.doubleValue(), unsigned, float32);
    }

    /**
     * A decimal(precision, scale) column. The value is stored exactly, never rounded: a value with more
     * digits after the point than {@code scale} (trailing zeros aside) or more than
     * {@code precision - scale} digits before it is rejected, as is a negative value for an unsigned
     * column. Returns the value with exactly {@code scale} fraction digits ({@code 7.5} → {@code 7.50}
     * for scale 2), the form MySQL returns, so values read from any tier compare equal.
     */
    public static BigDecimal decimal(AbstractEntity entity, String field, BigDecimal value, int precision, int scale,
            boolean unsigned, boolean required) {
        if (value == null) {
            return required(entity, field, null, required);
        }
        String column = "decimal(" + precision + "," + scale + ")" + (unsigned ? " unsigned" : "");
        if (unsigned && value.signum() < 0) {
            throw invalid(entity, field, "value " + value.toPlainString() + " is negative but the column is "
                    + column);
        }
        BigDecimal exact;
        try {
            exact = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw invalid(entity, field, "value " + value.toPlainString() + " has more than " + scale
                    + " digits after the decimal point, which " + column + " cannot hold; round it first, e.g. "
                    + "value.setScale(" + scale + ", RoundingMode.HALF_UP)");
        }
        if (exact.precision() - exact.scale() > precision - scale) {
            throw invalid(entity, field, "value " + value.toPlainString() + " does not fit " + column + "; at most "
                    + (precision - scale) + " digits before the decimal point");
        }
        return exact;
    }

    /**
     * A varchar/text column. Required: null is rejected. Optional: {@code ""} is stored as NULL.
     * {@code maxLength} counts characters (code points), as MySQL does.
     */
    public static String string(AbstractEntity entity, String field, String value, int maxLength, boolean required) {
        if (value == null) {
            return required(entity, field, null, required);
        }
        if (!required && value.isEmpty()) {
            return null;
        }
        int unpaired = unpairedSurrogate(value);
        if (unpaired >= 0) {
            throw invalid(entity, field, "value has an unpaired UTF-16 surrogate (\\u"
                    + Integer.toHexString(value.charAt(unpaired)).toUpperCase(Locale.ROOT) + " at index "
                    + unpaired + "), which MySQL's utf8mb4 cannot store (it would keep '?'); pass valid Unicode text");
        }
        if (maxLength > 0 && value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength) {
            throw invalid(entity, field, "value of " + value.codePointCount(0, value.length())
                    + " characters is longer than " + maxLength + "; shorten it or raise @Length");
        }
        return value;
    }

    public static LocalDate date(AbstractEntity entity, String field, LocalDate value, boolean required) {
        if (value == null) {
            return required(entity, field, null, required);
        }
        year(entity, field, value.getYear(), value);
        return value;
    }

    /** A datetime column: UTC, truncated to whole seconds. */
    public static Instant instant(AbstractEntity entity, String field, Instant value, boolean required) {
        if (value == null) {
            return required(entity, field, null, required);
        }
        year(entity, field, LocalDateTime.ofInstant(value, ZoneOffset.UTC).getYear(), value);
        return value.truncatedTo(ChronoUnit.SECONDS);
    }

    public static LocalDateTime localDateTime(AbstractEntity entity, String field, LocalDateTime value,
            boolean required) {
        if (value == null) {
            return required(entity, field, null, required);
        }
        year(entity, field, value.getYear(), value);
        return value.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A binary column of at most {@code maxBytes} (0 = no check): copied so later changes to the
     * caller's array cannot change the entity.
     */
    public static byte[] bytes(AbstractEntity entity, String field, byte[] value, long maxBytes, boolean required) {
        if (value == null) {
            return required(entity, field, null, required);
        }
        if (maxBytes > 0 && value.length > maxBytes) {
            throw invalid(entity, field, "value of " + value.length + " bytes is longer than the column's "
                    + maxBytes + "; use @Blob(MEDIUM) or @Blob(LONG)");
        }
        return value.clone();
    }

    /** A text column holding at most {@code maxBytes} bytes of UTF-8 (mediumtext: 16 777 215). */
    public static String text(AbstractEntity entity, String field, String value, long maxBytes, boolean required) {
        String checked = string(entity, field, value, 0, required);
        // one UTF-16 unit is at most 3 bytes of UTF-8, so only long strings need the exact count
        if (checked != null && (long) checked.length() * 3 > maxBytes
                && checked.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw invalid(entity, field, "value is longer than the column's " + maxBytes + " bytes of UTF-8");
        }
        return checked;
    }

    /**
     * The index of the first surrogate char of {@code value} that is not part of a high-low pair, or
     * -1. Every other UTF-16 string is valid Unicode, which utf8mb4 stores exactly.
     */
    static int unpairedSurrogate(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Rejects null for a required field; returns the value otherwise. */
    public static <T> T required(AbstractEntity entity, String field, T value, boolean required) {
        if (value == null && required) {
            throw invalid(entity, field, "null is not allowed: the field is required (NOT NULL)");
        }
        return value;
    }

    /** The database form of an enum constant, or null. */
    public static String enumValue(AbstractEntity entity, String field, DatabaseEnum value, boolean required) {
        return value == null ? required(entity, field, null, required) : value.databaseValue();
    }

    /**
     * The database form of a set: members comma-joined in declaration order. An empty set is stored
     * as NULL when the field is optional, as {@code ""} when it is required.
     */
    public static <E extends Enum<E> & DatabaseEnum> String set(AbstractEntity entity, String field,
            Collection<E> members, E[] declared, boolean required) {
        if (members == null) {
            return required(entity, field, null, required);
        }
        StringJoiner joined = new StringJoiner(",");
        for (E constant : declared) {
            if (members.contains(constant)) {
                joined.add(constant.databaseValue());
            }
        }
        for (E member : members) {
            if (member == null) {
                throw invalid(entity, field, "a set cannot contain null");
            }
        }
        String value = joined.toString();
        return value.isEmpty() && !required ? null : value;
    }

    /** A reference id: 0 means "no reference" (null), which a required reference rejects. */
    public static Long reference(AbstractEntity entity, String field, long id, boolean required) {
        if (id < 0) {
            throw invalid(entity, field, "id " + id + " is negative; ids are positive");
        }
        if (id == 0) {
            return required(entity, field, null, required);
        }
        return id;
    }

    private static void year(AbstractEntity entity, String field, int year, Object value) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw invalid(entity, field, "value " + value + " is outside the years " + MIN_YEAR + ".." + MAX_YEAR
                    + " MySQL can store");
        }
    }

    private static FluxaValidationException invalid(AbstractEntity entity, String field, String message) {
        return new FluxaValidationException(entity.provider().entityName(), field, message);
    }
}
