package dev.flow.compiler.check.flow;

import dev.flow.compiler.check.Check;
import java.util.List;

/** Every check that runs after names and types are resolved, in the order they run. */
public final class FlowChecks {
  private FlowChecks() {}

  public static List<Check> all() {
    return List.of();
  }
}
