package com.acme.sales;

import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The client told us they will not sign.
 */
@Generated("dev.flow.compiler")
public record ContractDeclined(String deal, String reason) {
  public ContractDeclined {
    Objects.requireNonNull(deal, "deal");
    Objects.requireNonNull(reason, "reason");
  }
}
