package com.acme.onboarding;

import javax.annotation.processing.Generated;

/**
 * The service tiers we sell; they decide how much ceremony an engagement gets.
 */
@Generated("dev.flow.compiler")
public enum ServiceTier {
  /**
   * A fixed-scope project with one deliverable.
   */
  Essentials,

  /**
   * A monthly retainer with a dedicated account manager.
   */
  Growth,

  /**
   * Several teams and a steering committee.
   */
  Enterprise
}
