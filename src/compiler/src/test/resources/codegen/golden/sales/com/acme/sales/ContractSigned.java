package com.acme.sales;

import java.time.LocalDate;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * DocuSign reports a completed envelope.
 */
@Generated("dev.flow.compiler")
public record ContractSigned(String deal, String signedBy, LocalDate signedOn) {
  public ContractSigned {
    Objects.requireNonNull(deal, "deal");
    Objects.requireNonNull(signedBy, "signedBy");
    Objects.requireNonNull(signedOn, "signedOn");
  }
}
