package dev.flow.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that moves only when told, for tests and dry runs. An engine built with it fires its
 * timers as time is advanced, each one at its own due time, in order.
 */
public final class ManualClock extends Clock {
  /** Something that must see every instant the clock passes through on its way forward: the engine, to fire timers. */
  public interface Driver {
    /** Moves the clock to {@code target}, stopping at every due timer on the way. */
    void advanceTo(ManualClock clock, Instant target);
  }

  private final ZoneId zone;
  private final List<Driver> drivers;
  private volatile Instant now;

  public ManualClock(Instant start, ZoneId zone) {
    this(start, zone, new CopyOnWriteArrayList<>());
  }

  private ManualClock(Instant start, ZoneId zone, List<Driver> drivers) {
    this.now = Objects.requireNonNull(start, "start");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.drivers = drivers;
  }

  /** A clock at {@code start} in UTC. */
  public static ManualClock at(Instant start) {
    return new ManualClock(start, ZoneId.of("UTC"));
  }

  /** A clock at {@code start} ({@code 2026-11-24T09:00:00Z}) in UTC. */
  public static ManualClock at(String start) {
    return at(Instant.parse(start));
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new ManualClock(now, other, drivers);
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Moves time forward, firing every timer that falls due on the way. */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + duration);
    }
    advanceTo(now.plus(duration));
  }

  /** Moves time forward to {@code target}, firing every timer that falls due on the way. */
  public void advanceTo(Instant target) {
    if (target.isBefore(now)) {
      throw new IllegalArgumentException("time only moves forward: " + target + " is before " + now);
    }
    for (Driver driver : drivers) {
      driver.advanceTo(this, target);
    }
    now = target;
  }

  /** Sets the time (the engine does, to each timer's due time as the clock advances). */
  public void set(Instant instant) {
    now = instant;
  }

  /** Has the engine fire its timers as this clock advances. */
  public void drive(Driver driver) {
    drivers.add(driver);
  }
}
