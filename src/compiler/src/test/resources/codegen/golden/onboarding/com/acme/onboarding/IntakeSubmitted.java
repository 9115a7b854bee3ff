package com.acme.onboarding;

import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * A new client submitted the intake form on the website.
 *
 * @param needsNda The client works under an NDA that Legal has to review first.
 */
@Generated("dev.flow.compiler")
public record IntakeSubmitted(String client, String contactName, String email, ServiceTier tier,
    boolean needsNda, List<Document> documents) {
  public IntakeSubmitted {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(contactName, "contactName");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(documents, "documents");
    documents = List.copyOf(documents);
  }
}
