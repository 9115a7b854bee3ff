package dev.flow.server;

import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.WorkflowInstance;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A workflow's Mermaid flowchart (as {@code flowc diagram} draws it, a named step being node
 * {@code s_NAME}) marked for one case: the steps done in green, where it waits now in amber with
 * a thick border, the step that failed in red.
 */
final class Diagrams {
  private Diagrams() {}

  static String marked(String diagram, WorkflowInstance instance) {
    Set<String> done = new LinkedHashSet<>();
    Set<String> failed = new LinkedHashSet<>();
    Set<String> current = new LinkedHashSet<>();
    for (HistoryEvent event : instance.history()) {
      switch (event.type()) {
        case ACTION_COMPLETED, TASK_COMPLETED, TIMER_FIRED, EVENT_RECEIVED, CHILD_COMPLETED -> done.add(event.step());
        case ACTION_FAILED, CHILD_FAILED -> failed.add(event.step());
        default -> { }
      }
    }
    for (WorkflowInstance.Wait wait : instance.waits()) {
      current.add(wait.step());
    }
    StringBuilder out = new StringBuilder(diagram.stripTrailing()).append('\n');
    for (String step : done) {
      style(out, diagram, step, "fill:#c8e6c9,stroke:#1b5e20,stroke-width:2px");
    }
    if (instance.state() == InstanceState.FAILED || !failed.isEmpty()) {
      for (String step : failed) {
        style(out, diagram, step, "fill:#ffcdd2,stroke:#b71c1c,stroke-width:4px");
      }
    }
    for (String step : current) {
      style(out, diagram, step, "fill:#ffe082,stroke:#e65100,stroke-width:4px");
    }
    return out.toString();
  }

  private static void style(StringBuilder out, String diagram, String step, String css) {
    String node = "s_" + step;
    if (diagram.contains("  " + node + "[") || diagram.contains("  " + node + "(") || diagram.contains("  " + node + "{")
        || diagram.contains("  " + node + ">")) {
      out.append("  style ").append(node).append(' ').append(css).append('\n');
    }
  }
}
