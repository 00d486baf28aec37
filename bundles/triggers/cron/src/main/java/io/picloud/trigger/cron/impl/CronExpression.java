package io.picloud.trigger.cron.impl;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A cron expression evaluated against the wall clock of one time zone: 5 fields (minute hour day-of-month month
 * day-of-week) or 6 with seconds first. Fields take {@code *}, {@code ?} (day fields), values, names ({@code JAN},
 * {@code MON}), ranges {@code a-b}, steps {@code * /n} and {@code a-b/n}, and lists; day-of-week 0 and 7 are Sunday.
 * When both day fields are restricted, a day matching either fires (Vixie cron).
 *
 * <p>Daylight saving time: each matching local time fires at most once. A local time skipped by a spring-forward
 * fires once at the end of the gap (several skipped matches collapse into that one run); a local time that occurs
 * twice in a fall-back fires at its first occurrence only, so frequent schedules pause during the repeated hour
 * ({@code @every} counts real time instead).
 */
final class CronExpression implements Schedule {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
            "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final String text;
    private final ZoneId zone;
    private final boolean withSeconds;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domRestricted;
    private final boolean dowRestricted;

    /** @throws IllegalArgumentException with a message saying which field is wrong and why */
    CronExpression(String text, ZoneId zone) {
        this.text = text;
        this.zone = zone;
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 5 && parts.length != 6) {
            throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day-of-month month "
                    + "day-of-week) or 6 with seconds first, not " + parts.length);
        }
        withSeconds = parts.length == 6;
        int i = 0;
        if (withSeconds) {
            seconds = field(parts[i++], "second", 0, 59, null, false);
        } else {
            seconds = new BitSet(60);
            seconds.set(0);
        }
        minutes = field(parts[i++], "minute", 0, 59, null, false);
        hours = field(parts[i++], "hour", 0, 23, null, false);
        String dom = parts[i++];
        daysOfMonth = field(dom, "day-of-month", 1, 31, null, true);
        months = field(parts[i++], "month", 1, 12, MONTHS, false);
        String dow = parts[i];
        BitSet d = field(dow, "day-of-week", 0, 7, DAYS, true);
        if (d.get(7)) {
            d.set(0);
            d.clear(7);
        }
        daysOfWeek = d;
        domRestricted = !isWildcard(dom);
        dowRestricted = !isWildcard(dow);
    }

    private static boolean isWildcard(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static BitSet field(String spec, String name, int min, int max, String[] names, boolean question) {
        BitSet bits = new BitSet(max + 1);
        if (question && spec.equals("?")) {
            bits.set(min, max + 1);
            return bits;
        }
        for (String element : spec.split(",", -1)) {
            if (element.isEmpty()) {
                throw new IllegalArgumentException(name + " field '" + spec + "' has an empty list element");
            }
            int step = 1;
            String range = element;
            int slash = element.indexOf('/');
            if (slash >= 0) {
                range = element.substring(0, slash);
                step = number(element.substring(slash + 1), name, spec);
                if (step < 1) {
                    throw new IllegalArgumentException(name + " field '" + spec + "': the step must be at least 1");
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-', 1);
                from = value(dash < 0 ? range : range.substring(0, dash), name, spec, names, min);
                to = dash < 0 ? (slash >= 0 ? max : from) : value(range.substring(dash + 1), name, spec, names, min);
            }
            if (from < min || to > max || from > max || to < min) {
                throw new IllegalArgumentException(name + " field '" + spec + "': values must be between " + min
                        + " and " + max);
            }
            if (from > to) {
                throw new IllegalArgumentException(name + " field '" + spec + "': range " + range
                        + " runs backwards");
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int value(String token, String name, String spec, String[] names, int min) {
        if (names != null) {
            String upper = token.toUpperCase(Locale.ROOT);
            for (int n = 0; n < names.length; n++) {
                if (names[n].equals(upper)) {
                    return n + min;
                }
            }
        }
        return number(token, name, spec);
    }

    private static int number(String token, String name, String spec) {
        if (token.isEmpty() || !token.chars().allMatch(Character::isDigit) || token.length() > 4) {
            throw new IllegalArgumentException(name + " field '" + spec + "': '" + token
                    + "' is not a number" + (token.matches(".*[LW#].*") ? " (L, W and # are not supported)" : ""));
        }
        return Integer.parseInt(token);
    }

    @Override
    public Instant next(Instant after) {
        ZoneRules rules = zone.getRules();
        LocalDateTime cursor = LocalDateTime.ofInstant(after, zone);
        // bounded: at most one second-resolution hour of repeated local times can precede a later instant
        for (int guard = 0; guard < 100_000; guard++) {
            LocalDateTime local = nextLocal(cursor);
            if (local == null) {
                return null;
            }
            List<java.time.ZoneOffset> offsets = rules.getValidOffsets(local);
            Instant instant;
            if (offsets.isEmpty()) {
                ZoneOffsetTransition gap = rules.getTransition(local);
                instant = gap.getInstant();
            } else {
                instant = local.toInstant(offsets.get(0));
            }
            if (instant.isAfter(after)) {
                return instant;
            }
            cursor = local;
        }
        return null;
    }

    /** The first matching local time strictly after {@code after}, or null if none within five years. */
    LocalDateTime nextLocal(LocalDateTime after) {
        LocalDateTime t = withSeconds ? after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)
                : after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!dayMatches(t)) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!seconds.get(t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                return t;
            }
        }
        return null;
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        DayOfWeek day = t.getDayOfWeek();
        boolean dow = daysOfWeek.get(day.getValue() % 7);
        if (domRestricted && dowRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    @Override
    public String toString() {
        return text + " (" + zone + ")";
    }
}
