package com.acme.onboarding;

import java.time.Duration;
import java.time.Instant;
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
   * Books a meeting at the first slot both sides have free inside the window,
   * sends the invitation and returns when the meeting starts.
   */
  Instant schedule(String email, String title, Duration within) throws Exception;
}
