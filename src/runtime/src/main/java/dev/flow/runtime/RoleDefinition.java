package dev.flow.runtime;

import java.util.Objects;

/**
 * A role: people who hold it may do the steps delegated to it.
 *
 * @param name the qualified name, e.g. {@code com.acme.onboarding.AccountManager}
 * @param title its display title, or its simple name
 * @param doc its doc comment, or the empty string
 */
public record RoleDefinition(String name, String title, String doc) {
  public RoleDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(doc, "doc");
  }
}
