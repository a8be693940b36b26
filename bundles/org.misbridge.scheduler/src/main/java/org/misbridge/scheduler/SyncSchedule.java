package org.misbridge.scheduler;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * When a school syncs by itself (rule 11), in the school's own time zone, as Quartz cron expressions.
 * Written as times of day ({@code 06:00,11:00}), as {@code every N minutes} or {@code every N hours},
 * or as a Quartz cron expression ({@code cron: 0 30 7 ? * MON-FRI}); empty means on demand only.
 * Health uses it to tell when a scheduled read was due.
 */
public record SyncSchedule(List<String> cronExpressions, ZoneId zone, String description) {

    public static final String DEFAULT = "06:00,11:00,15:00,18:00";

    private static final Pattern EVERY = Pattern.compile("every\\s+(\\d{1,3})\\s+(minute|minutes|hour|hours)");
    private static final String CRON = "cron:";
    /** How far back {@link #latestAtOrBefore} looks, shortest first so a frequent schedule stays cheap. */
    private static final List<Duration> LOOK_BACK = List.of(Duration.ofMinutes(2), Duration.ofHours(1),
            Duration.ofDays(1), Duration.ofDays(2));

    public SyncSchedule {
        cronExpressions = List.copyOf(cronExpressions);
    }

    /**
     * Reads a schedule; blank means on demand only.
     *
     * @throws IllegalArgumentException naming what is wrong and the forms that are accepted
     */
    public static SyncSchedule parse(String text, ZoneId zone) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return new SyncSchedule(List.of(), zone, "on demand only");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("every")) {
            return every(t, lower, zone);
        }
        if (lower.startsWith(CRON)) {
            return cron(t.substring(CRON.length()).strip(), zone);
        }
        return timesOfDay(t, zone);
    }

    private static SyncSchedule timesOfDay(String text, ZoneId zone) {
        TreeSet<LocalTime> times = new TreeSet<>();
        for (String part : text.split(",")) {
            String t = part.strip();
            if (t.isEmpty()) {
                continue;
            }
            try {
                if (!t.matches("\\d{2}:\\d{2}")) {
                    throw new DateTimeParseException("not HH:mm", t, 0);
                }
                times.add(LocalTime.parse(t));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("schedule time '" + t + "' is not a 24-hour HH:mm time such as 06:00"
                        + " (a schedule is times of day '06:00,11:00', 'every N minutes', 'every N hours'"
                        + " or 'cron: <Quartz cron expression>')", e);
            }
        }
        List<String> crons = times.stream().map(lt -> "0 " + lt.getMinute() + " " + lt.getHour() + " * * ?").toList();
        String description = times.isEmpty() ? "on demand only"
                : String.join(", ", times.stream().map(LocalTime::toString).toList()) + " " + zone.getId();
        return new SyncSchedule(crons, zone, description);
    }

    private static SyncSchedule every(String text, String lower, ZoneId zone) {
        Matcher m = EVERY.matcher(lower);
        if (!m.matches()) {
            throw new IllegalArgumentException("schedule '" + text + "' is not 'every N minutes' or 'every N hours'");
        }
        int n = Integer.parseInt(m.group(1));
        boolean minutes = m.group(2).startsWith("minute");
        int whole = minutes ? 60 : 24;
        if (n < 1 || n >= whole || whole % n != 0) {
            // Quartz's */N restarts each hour (or day): only a divisor keeps the gaps equal
            throw new IllegalArgumentException("schedule '" + text + "': N must divide " + whole + " so the syncs are evenly spaced ("
                    + (minutes ? "1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30 minutes" : "1, 2, 3, 4, 6, 8 or 12 hours")
                    + "); use times of day or 'cron: ...' for anything else");
        }
        String cron = minutes ? "0 0/" + n + " * * * ?" : "0 0 0/" + n + " * * ?";
        String unit = minutes ? (n == 1 ? "minute" : "minutes") : (n == 1 ? "hour" : "hours");
        return new SyncSchedule(List.of(cron), zone, "every " + n + " " + unit + " " + zone.getId());
    }

    private static SyncSchedule cron(String expression, ZoneId zone) {
        try {
            CronExpression.validateExpression(expression);
        } catch (ParseException e) {
            throw new IllegalArgumentException("schedule 'cron: " + expression + "' is not a Quartz cron expression ("
                    + e.getMessage() + "); it has six or seven fields: second minute hour day-of-month month"
                    + " day-of-week [year], with '?' in one of the day fields, e.g. 'cron: 0 30 7 ? * MON-FRI'", e);
        }
        return new SyncSchedule(List.of(expression), zone, "cron " + expression + " " + zone.getId());
    }

    public boolean onDemandOnly() {
        return cronExpressions.isEmpty();
    }

    /** The latest scheduled time at or before {@code instant}, looking back two days at most. */
    public Optional<Instant> latestAtOrBefore(Instant instant) {
        for (Duration back : LOOK_BACK) {
            Optional<Instant> found = latestSince(instant.minus(back), instant);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Instant> latestSince(Instant from, Instant until) {
        Instant latest = null;
        for (String text : cronExpressions) {
            CronExpression cron = expression(text);
            Date next = cron.getNextValidTimeAfter(Date.from(from.minusMillis(1)));
            while (next != null && !next.toInstant().isAfter(until)) {
                if (latest == null || next.toInstant().isAfter(latest)) {
                    latest = next.toInstant();
                }
                next = cron.getNextValidTimeAfter(next);
            }
        }
        return Optional.ofNullable(latest);
    }

    private CronExpression expression(String text) {
        try {
            // a new one each time: CronExpression keeps parsing state and is not meant to be shared
            CronExpression cron = new CronExpression(text);
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            return cron;
        } catch (ParseException e) {
            throw new IllegalStateException("schedule cron '" + text + "' was accepted but no longer parses", e);
        }
    }

    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
