package org.dtrmigration.simulator.crons;

import java.time.Duration;

/** Go's duration syntax ("90s", "1h30m", "500ms"), used by cron deadlines and {@code @every}. */
final class GoDuration {
    private GoDuration() {
    }

    static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("invalid duration: " + text);
            }
            double value = Double.parseDouble(text.substring(start, i));
            int unitStart = i;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                i++;
            }
            long nanosPerUnit = switch (text.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new IllegalArgumentException("invalid duration unit in: " + text);
            };
            total = total.plusNanos(Math.round(value * nanosPerUnit));
        }
        return total;
    }

    /** Accepts "" (no deadline) or a Go duration. */
    static boolean isValidOrEmpty(String text) {
        if (text == null || text.isEmpty()) {
            return true;
        }
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
