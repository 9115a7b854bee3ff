package dev.flow.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A process: the strategic container of workflows.
 *
 * @param name the qualified name
 * @param category {@code operational}, {@code management}, {@code support}, or {@code null}
 * @param goal the goal, or {@code null}
 * @param owner the qualified name of the accountable role, or {@code null}
 * @param stakeholders qualified role names
 * @param workflows qualified workflow names
 * @param measures what is measured
 * @param doc the doc comment, or the empty string
 */
public record ProcessDefinition(
    String name,
    String category,
    String goal,
    String owner,
    List<String> stakeholders,
    List<String> workflows,
    List<Measure> measures,
    String doc) {
  public ProcessDefinition {
    Objects.requireNonNull(name, "name");
    stakeholders = List.copyOf(stakeholders);
    workflows = List.copyOf(workflows);
    measures = List.copyOf(measures);
    Objects.requireNonNull(doc, "doc");
  }

  /**
   * {@code measure NAME "title" from W.start to V.end target D}.
   *
   * @param name the measure's name
   * @param title its title, or {@code null}
   * @param from the first milestone, {@code Workflow.start}, {@code Workflow.end} or {@code Workflow.step} (qualified workflow)
   * @param to the second milestone
   * @param target the target duration, if any
   */
  public record Measure(String name, String title, String from, String to, Optional<Duration> target) {
    public Measure {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(target, "target");
    }
  }
}
