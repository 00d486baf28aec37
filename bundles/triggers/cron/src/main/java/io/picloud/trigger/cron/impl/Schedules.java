package io.picloud.trigger.cron.impl;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code config.schedule}: a cron expression, a macro ({@code @daily}) or an interval ({@code @every 5m}). */
final class Schedules {
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_INTERVAL = Duration.ofDays(366);
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Schedules() {
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    static Schedule parse(String text, ZoneId zone) {
        String s = text.trim();
        if (s.startsWith("@")) {
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.startsWith("@every")) {
                return new IntervalSchedule(interval(s.substring("@every".length()).trim()));
            }
            String cron = MACROS.get(lower);
            if (cron == null) {
                throw new IllegalArgumentException("unknown macro '" + s + "'; use one of @yearly @monthly @weekly "
                        + "@daily @hourly or '@every <duration>'");
            }
            return new CronExpression(cron, zone);
        }
        return new CronExpression(s, zone);
    }

    /** Go-style durations: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 2d}. */
    static Duration interval(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("@every needs a duration such as 30s, 5m, 1h30m or 1d");
        }
        Matcher m = PART.matcher(text.toLowerCase(Locale.ROOT));
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("duration '" + text + "' is too large");
            }
            switch (m.group(2)) {
                case "ms": total = total.plusMillis(n); break;
                case "s": total = total.plusSeconds(n); break;
                case "m": total = total.plusMinutes(n); break;
                case "h": total = total.plusHours(n); break;
                default: total = total.plusDays(n); break;
            }
            end = m.end();
        }
        if (end != text.length()) {
            throw new IllegalArgumentException("duration '" + text + "' is not like 30s, 5m, 1h30m or 1d");
        }
        if (total.compareTo(MIN_INTERVAL) < 0 || total.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("@every interval must be between 1s and 366d");
        }
        return total;
    }

    /** Rejects schedules that never fire (such as 30 February). */
    static void requireFires(Schedule schedule, Instant from) {
        if (schedule.next(from) == null) {
            throw new IllegalArgumentException("the schedule never fires");
        }
    }
}
