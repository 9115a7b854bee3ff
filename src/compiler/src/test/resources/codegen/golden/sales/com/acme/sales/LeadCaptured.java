package com.acme.sales;

import dev.flow.runtime.FlowOptional;
import java.math.BigDecimal;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Someone filled in the contact form, was met at a conference or was referred to us.
 *
 * @param country ISO country code as typed into the form, e.g. "de" or "US".
 * @param estimatedBudget What the lead said they could spend, if they said anything.
 */
@Generated("dev.flow.compiler")
public record LeadCaptured(String company, String contactName, String email, String country,
    LeadSource source, @FlowOptional BigDecimal estimatedBudget, String message) {
  public LeadCaptured {
    Objects.requireNonNull(company, "company");
    Objects.requireNonNull(contactName, "contactName");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
  }
}
