package org.dtrmigration.simulator.crons;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A cron schedule as DTR reads it (robfig/cron): six fields, seconds first
 * ({@code sec min hour day-of-month month day-of-week}), or five with day-of-week omitted, each a
 * comma list of {@code *}, {@code ?}, {@code n}, {@code a-b} with an optional {@code /step}; month
 * and weekday names; the descriptors {@code @yearly @annually @monthly @weekly @daily @midnight
 * @hourly} and {@code @every <duration>}. Evaluated in UTC, as the DTR UI says.
 */
public final class CronSchedule {
    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 0 1 1 *",
            "@annually", "0 0 0 1 1 *",
            "@monthly", "0 0 0 1 * *",
            "@weekly", "0 0 0 * * 0",
            "@daily", "0 0 0 * * *",
            "@midnight", "0 0 0 * * *",
            "@hourly", "0 0 * * * *");
    private static final String[] MONTHS = {"", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domStar;
    private final boolean dowStar;
    private final Duration every;

    private CronSchedule(BitSet[] f, boolean domStar, boolean dowStar, Duration every) {
        this.seconds = f[0];
        this.minutes = f[1];
        this.hours = f[2];
        this.daysOfMonth = f[3];
        this.months = f[4];
        this.daysOfWeek = f[5];
        this.domStar = domStar;
        this.dowStar = dowStar;
        this.every = every;
    }

    /** Parses a schedule; {@link IllegalArgumentException} with the reason when it is not one. */
    public static CronSchedule parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty schedule");
        }
        if (s.startsWith("@every ")) {
            Duration d = GoDuration.parse(s.substring(7).trim());
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("@every needs at least 1s: " + spec);
            }
            return new CronSchedule(new BitSet[6], false, false, d);
        }
        if (s.startsWith("@")) {
            String expanded = DESCRIPTORS.get(s.toLowerCase(Locale.ROOT));
            if (expanded == null) {
                throw new IllegalArgumentException("unknown descriptor: " + spec);
            }
            s = expanded;
        }
        String[] fields = s.split("\\s+");
        if (fields.length == 5) {
            fields = new String[] {fields[0], fields[1], fields[2], fields[3], fields[4], "*"};
        }
        if (fields.length != 6) {
            throw new IllegalArgumentException("want 6 fields (sec min hour dom month dow), got " + fields.length + ": " + spec);
        }
        BitSet[] parsed = {
            field(fields[0], 0, 59, null),
            field(fields[1], 0, 59, null),
            field(fields[2], 0, 23, null),
            field(fields[3], 1, 31, null),
            field(fields[4], 1, 12, MONTHS),
            field(fields[5], 0, 6, DAYS),
        };
        return new CronSchedule(parsed, isStar(fields[3]), isStar(fields[5]), null);
    }

    private static boolean isStar(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static BitSet field(String field, int min, int max, String[] names) {
        BitSet bits = new BitSet(max + 1);
        for (String part : field.split(",", -1)) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, Integer.MAX_VALUE, null, field);
                range = part.substring(0, slash);
            }
            int lo;
            int hi;
            if (range.equals("*") || range.equals("?")) {
                lo = min;
                hi = max;
            } else {
                int dash = range.indexOf('-');
                if (dash >= 0) {
                    lo = number(range.substring(0, dash), min, max, names, field);
                    hi = number(range.substring(dash + 1), min, max, names, field);
                } else {
                    lo = number(range, min, max, names, field);
                    hi = slash >= 0 ? max : lo; // "a/n" means a through max, every n
                }
                if (hi < lo) {
                    throw new IllegalArgumentException("range end before start in '" + field + "'");
                }
            }
            for (int v = lo; v <= hi; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String text, int min, int max, String[] names, String field) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (!names[i].isEmpty() && names[i].equalsIgnoreCase(text)) {
                    return i;
                }
            }
        }
        try {
            int v = Integer.parseInt(text);
            if (v < min || v > max) {
                throw new IllegalArgumentException(v + " out of range [" + min + ", " + max + "] in '" + field + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + text + "' in '" + field + "'");
        }
    }

    /** The first activation strictly after {@code after}, or null when there is none in five years. */
    public Instant next(Instant after) {
        if (every != null) {
            return after.truncatedTo(ChronoUnit.SECONDS).plus(every);
        }
        ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        int yearLimit = t.getYear() + 5;
        while (t.getYear() <= yearLimit) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!seconds.get(t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                return t.toInstant();
            }
        }
        return null;
    }

    /** robfig's rule: if either day field is '*', both must match; otherwise either may. */
    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        return domStar || dowStar ? dom && dow : dom || dow;
    }
}
