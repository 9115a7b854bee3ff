package dev.flow.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code step NAME by ROLE [within D [escalate to ROLE]] { form }}: a task for a person.
 *
 * @param name the step's name
 * @param role the qualified name of the role that does it
 * @param within its time limit, if any
 * @param escalateTo the role it is escalated to when the time limit passes, or {@code null}
 * @param form the form the person fills in (no fields: {@link Form#NONE})
 * @param doc the doc comment, or the empty string
 * @param <F> the form's record ({@link Void} without fields)
 */
public record TaskStep<F>(
    String name, String role, Optional<Duration> within, String escalateTo, Form<F> form, String doc)
    implements Step {
  public TaskStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(within, "within");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(doc, "doc");
  }

  /** A task without a form. */
  public static TaskStep<Void> of(String name, String role) {
    return new TaskStep<>(name, role, Optional.empty(), null, Form.NONE, "");
  }

  public static <F> TaskStep<F> of(String name, String role, Form<F> form) {
    return new TaskStep<>(name, role, Optional.empty(), null, form, "");
  }

  public TaskStep<F> within(Duration limit) {
    return new TaskStep<>(name, role, Optional.of(limit), escalateTo, form, doc);
  }

  public TaskStep<F> escalateTo(String escalationRole) {
    return new TaskStep<>(name, role, within, escalationRole, form, doc);
  }

  public TaskStep<F> doc(String text) {
    return new TaskStep<>(name, role, within, escalateTo, form, text);
  }

  @Override
  public String kind() {
    return "task";
  }
}
