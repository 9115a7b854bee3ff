package com.acme.onboarding.app;

import com.acme.onboarding.Calendar;
import com.acme.onboarding.Drive;
import com.acme.onboarding.OnboardingModule;
import dev.flow.runtime.Engine;
import java.time.Clock;
import java.time.ZoneId;

/**
 * How this application puts the engine together: the generated module (every workflow, process,
 * role and system of package {@code com.acme.onboarding}) and a connector for each system.
 */
public final class Onboarding {
  /** Where Acme works. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  private Onboarding() {}

  /** An engine builder with the onboarding module and its connectors; add listeners, a store… then build. */
  public static Engine.Builder engine(Clock clock, Drive drive, Calendar calendar, Outbox outbox) {
    return Engine.builder()
        .clock(clock)
        .zone(ZONE)
        .module(OnboardingModule.INSTANCE)
        .connector(Drive.class, drive)
        .connector(Calendar.class, calendar)
        .notifier(outbox);
  }
}
