package com.acme.sales;

import javax.annotation.processing.Generated;

/**
 * Where a lead came from.
 */
@Generated("dev.flow.compiler")
public enum LeadSource {
  Website,

  Referral,

  Conference,

  Outbound
}
