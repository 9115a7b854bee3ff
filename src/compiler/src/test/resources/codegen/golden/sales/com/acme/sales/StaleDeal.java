package com.acme.sales;

import java.time.LocalDate;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * An open deal nobody has followed up on for a while.
 *
 * @param owner Slack handle of the rep who owns the deal.
 */
@Generated("dev.flow.compiler")
public record StaleDeal(String deal, String company, String owner, LocalDate lastContact) {
  public StaleDeal {
    Objects.requireNonNull(deal, "deal");
    Objects.requireNonNull(company, "company");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(lastContact, "lastContact");
  }
}
