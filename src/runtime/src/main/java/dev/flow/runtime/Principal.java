package dev.flow.runtime;

import java.util.Objects;
import java.util.Set;

/**
 * A person acting on the task inbox, with the roles they hold (qualified role names).
 *
 * @param name who they are (a user id)
 * @param roles the qualified names of their roles
 */
public record Principal(String name, Set<String> roles) {
  public Principal {
    Objects.requireNonNull(name, "name");
    roles = Set.copyOf(roles);
  }

  public static Principal of(String name, String... roles) {
    return new Principal(name, Set.of(roles));
  }

  public boolean holds(String role) {
    return role != null && roles.contains(role);
  }
}
