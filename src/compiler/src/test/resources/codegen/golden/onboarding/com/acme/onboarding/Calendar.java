package com.acme.onboarding;

import dev.flow.runtime.Action;
import dev.flow.runtime.ValueType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The team calendar where meetings with clients are booked.
 *
 * <p>Shown as "Google Calendar".
 *
 * <p>The connector of system {@code Calendar}: implement it once and give it to the engine.
 */
@Generated("dev.flow.compiler")
public interface Calendar {
  /**
   * Action {@code schedule} as data: its parameters, the type of its result and how the engine calls it.
   */
  Action<Calendar, Instant> SCHEDULE = Action.of(Calendar.class, "com.acme.onboarding.Calendar", "schedule",
      List.of("email", "title", "within"), ValueType.of(Instant.class),
      (calendar, args) -> calendar.schedule((String) args[0], (String) args[1], (Duration) args[2]));

  /**
   * Books a meeting at the first slot both sides have free inside the window,
   * sends the invitation and returns when the meeting starts.
   */
  Instant schedule(String email, String title, Duration within) throws Exception;
}
