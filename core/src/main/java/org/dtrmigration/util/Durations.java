package org.dtrmigration.util;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Durations as people write them in Jenkinsfiles and on command lines: 90s, 30m, 2h, 1d or PT30M. */
public final class Durations {

    private Durations() {
    }

    /** Parses {@code value}; the error names {@code parameter}. */
    public static Duration parse(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(parameter + ": required, a duration like 90s, 30m or 2h");
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        Duration d = null;
        try {
            if (v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.length() >= 2) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                switch (v.charAt(v.length() - 1)) {
                    case 's' -> d = Duration.ofSeconds(n);
                    case 'm' -> d = Duration.ofMinutes(n);
                    case 'h' -> d = Duration.ofHours(n);
                    case 'd' -> d = Duration.ofDays(n);
                    default -> d = null;
                }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            d = null;
        }
        if (d == null) {
            throw new IllegalArgumentException(parameter + ": '" + value + "' is not a duration like 90s, 30m, 2h or PT30M");
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(parameter + ": '" + value + "' must be a positive duration");
        }
        return d;
    }

    /** "1h 02m 03s" style, for progress lines and reports. */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, (s % 3600) / 60, s % 60);
    }
}
