package dev.flow.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code step NAME by ROLE [or ROLE…] [assign to …] [not by …] [within D [escalate to ROLE]] { form }}:
 * a task for a person.
 *
 * @param name the step's name
 * @param role the qualified name of the role that does it (with {@code by match}, the one decided)
 * @param within its time limit, if any
 * @param escalateTo the role it is escalated to when the time limit passes, or {@code null}
 * @param form the form the person fills in (no fields: {@link Form#NONE})
 * @param doc the doc comment, or the empty string
 * @param otherRoles the other roles that may do it ({@code by Sales or Accounting})
 * @param assignee the person it is given to ({@code assign to}), or {@code null}
 * @param excluded the people who may not do it ({@code not by})
 * @param <F> the form's record ({@link Void} without fields)
 */
public record TaskStep<F>(
    String name, String role, Optional<Duration> within, String escalateTo, Form<F> form, String doc,
    List<String> otherRoles, String assignee, List<String> excluded)
    implements Step {
  public TaskStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(within, "within");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(doc, "doc");
    otherRoles = otherRoles == null ? List.of() : List.copyOf(otherRoles);
    excluded = excluded == null ? List.of() : People.names(excluded);
  }

  public TaskStep(String name, String role, Optional<Duration> within, String escalateTo, Form<F> form, String doc) {
    this(name, role, within, escalateTo, form, doc, List.of(), null, List.of());
  }

  /** A task without a form. */
  public static TaskStep<Void> of(String name, String role) {
    return new TaskStep<>(name, role, Optional.empty(), null, Form.NONE, "");
  }

  public static <F> TaskStep<F> of(String name, String role, Form<F> form) {
    return new TaskStep<>(name, role, Optional.empty(), null, form, "");
  }

  public TaskStep<F> within(Duration limit) {
    return new TaskStep<>(name, role, Optional.of(limit), escalateTo, form, doc, otherRoles, assignee, excluded);
  }

  public TaskStep<F> escalateTo(String escalationRole) {
    return new TaskStep<>(name, role, within, escalationRole, form, doc, otherRoles, assignee, excluded);
  }

  public TaskStep<F> doc(String text) {
    return new TaskStep<>(name, role, within, escalateTo, form, text, otherRoles, assignee, excluded);
  }

  /** {@code by ROLE or OTHER…}: the other roles (qualified) that may do it too. */
  public TaskStep<F> or(String... roles) {
    return new TaskStep<>(name, role, within, escalateTo, form, doc, List.of(roles), assignee, excluded);
  }

  /** {@code by match …}: the role decided for this occurrence. */
  public TaskStep<F> role(String decided) {
    return new TaskStep<>(name, decided, within, escalateTo, form, doc, otherRoles, assignee, excluded);
  }

  /** {@code by match …}: the roles decided for this occurrence, the first and the others ({@code A or B}). */
  public TaskStep<F> decided(List<String> roles) {
    return new TaskStep<>(name, roles.get(0), within, escalateTo, form, doc, roles.subList(1, roles.size()), assignee,
        excluded);
  }

  /** {@code assign to PERSON}: gives the task to this person ({@code null}: to nobody, the role's). */
  public TaskStep<F> assignTo(String person) {
    return new TaskStep<>(name, role, within, escalateTo, form, doc, otherRoles, person, excluded);
  }

  /** {@code not by PERSON, …}: each a person's name, {@code null} or a collection of names (nulls are skipped). */
  public TaskStep<F> notBy(Object... people) {
    return new TaskStep<>(name, role, within, escalateTo, form, doc, otherRoles, assignee, People.names(people));
  }

  @Override
  public String kind() {
    return "task";
  }
}
