package com.acme.onboarding.temporal;

import com.acme.onboarding.Calendar;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A team calendar in memory: books one-hour meetings in working hours (Monday to Friday, 9:00 to
 * 17:00 in the calendar's zone), at the first free slot from the next working day on, inside the
 * window the workflow asks for. A real connector would call the Google Calendar API.
 */
public final class InMemoryCalendar implements Calendar {
  /** A booked meeting. */
  public record Meeting(String email, String title, Instant start, Instant end) {
    boolean overlaps(Instant otherStart, Instant otherEnd) {
      return start.isBefore(otherEnd) && otherStart.isBefore(end);
    }
  }

  private static final Duration LENGTH = Duration.ofHours(1);
  private static final LocalTime OPENS = LocalTime.of(9, 0);
  private static final LocalTime CLOSES = LocalTime.of(17, 0);

  private final Clock clock;
  private final ZoneId zone;
  private final List<Meeting> meetings = new ArrayList<>();

  /**
   * @param clock what "now" is: the engine's clock, so that bookings follow a test's manual clock
   * @param zone where the working hours are
   */
  public InMemoryCalendar(Clock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public synchronized Instant schedule(String email, String title, Duration within) {
    Instant now = clock.instant();
    Instant latest = now.plus(within);
    ZonedDateTime slot = now.atZone(zone).truncatedTo(ChronoUnit.DAYS).plusDays(1).with(OPENS);
    while (!slot.toInstant().plus(LENGTH).isAfter(latest)) {
      Instant start = slot.toInstant();
      Instant end = start.plus(LENGTH);
      boolean workingDay = slot.getDayOfWeek() != DayOfWeek.SATURDAY && slot.getDayOfWeek() != DayOfWeek.SUNDAY;
      boolean inHours = !slot.toLocalTime().plus(LENGTH).isAfter(CLOSES);
      if (workingDay && inHours && meetings.stream().noneMatch(m -> m.overlaps(start, end))) {
        meetings.add(new Meeting(email, title, start, end));
        return start;
      }
      slot = inHours ? slot.plus(LENGTH) : slot.plusDays(1).with(OPENS);
    }
    throw new IllegalStateException("no free slot for \"" + title + "\" within " + within);
  }

  /** Blocks a slot, as if someone had booked it already. */
  public synchronized void block(Instant start, Duration length, String what) {
    meetings.add(new Meeting("", what, start, start.plus(length)));
  }

  /** Every meeting booked, in booking order. */
  public synchronized List<Meeting> meetings() {
    return List.copyOf(meetings);
  }
}
