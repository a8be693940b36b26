package org.misbridge.sync.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The times of day a school syncs, in the school's own time zone (rule 11). Empty means on demand
 * only. Health uses it to tell when a scheduled read was due.
 */
record SyncSchedule(List<LocalTime> times, ZoneId zone) {

    static final String DEFAULT = "06:00,11:00,15:00,18:00";

    SyncSchedule {
        times = List.copyOf(new TreeSet<>(times));
    }

    /**
     * Reads "06:00,11:00" (24-hour HH:mm, comma-separated); blank means on demand only.
     *
     * @throws IllegalArgumentException naming the time that is not HH:mm
     */
    static SyncSchedule parse(String text, ZoneId zone) {
        List<LocalTime> times = new ArrayList<>();
        for (String part : text == null ? new String[0] : text.split(",")) {
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
                throw new IllegalArgumentException("schedule time '" + t + "' is not a 24-hour HH:mm time such as 06:00", e);
            }
        }
        return new SyncSchedule(times, zone);
    }

    boolean onDemandOnly() {
        return times.isEmpty();
    }

    /** A Quartz cron expression per time: second 0 of that minute, every day. */
    List<String> cronExpressions() {
        return times.stream().map(t -> "0 " + t.getMinute() + " " + t.getHour() + " * * ?").toList();
    }

    /** The latest scheduled time at or before {@code instant}, looking back two days at most. */
    Optional<Instant> latestAtOrBefore(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, zone);
        for (int back = 0; back <= 2; back++) {
            LocalDate d = day.minusDays(back);
            for (int i = times.size() - 1; i >= 0; i--) {
                Instant at = ZonedDateTime.of(d, times.get(i), zone).toInstant();
                if (!at.isAfter(instant)) {
                    return Optional.of(at);
                }
            }
        }
        return Optional.empty();
    }

    String describe() {
        return onDemandOnly() ? "on demand only"
                : String.join(", ", times.stream().map(LocalTime::toString).toList()) + " " + zone.getId();
    }
}
