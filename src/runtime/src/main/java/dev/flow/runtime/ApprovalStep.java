package dev.flow.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code approval NAME by ROLE [or ROLE…] [assign to …] [not by …] [within D [escalate to ROLE]]}: a
 * decision by a person; the result is an {@link Approval}.
 *
 * @param name the step's name
 * @param role the qualified name of the role that decides
 * @param within its time limit, if any
 * @param escalateTo the role it is escalated to when the time limit passes, or {@code null}
 * @param doc the doc comment, or the empty string
 * @param otherRoles the other roles that may decide ({@code by Sales or Accounting})
 * @param assignee the person it is given to ({@code assign to}), or {@code null}
 * @param excluded the people who may not decide ({@code not by})
 */
public record ApprovalStep(String name, String role, Optional<Duration> within, String escalateTo, String doc,
    java.util.List<String> otherRoles, String assignee, java.util.List<String> excluded)
    implements Step {
  /** The form of every approval: {@code approved: Bool, comment: Text?}. */
  public static final Form<Approval> FORM = Form.of(
      Approval.class,
      java.util.List.of(FormField.required("approved", Boolean.class), FormField.optional("comment", String.class)),
      values -> new Approval(values.bool("approved"), values.text("comment")));

  public ApprovalStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(within, "within");
    Objects.requireNonNull(doc, "doc");
    otherRoles = otherRoles == null ? java.util.List.of() : java.util.List.copyOf(otherRoles);
    excluded = excluded == null ? java.util.List.of() : People.names(excluded);
  }

  public ApprovalStep(String name, String role, Optional<Duration> within, String escalateTo, String doc) {
    this(name, role, within, escalateTo, doc, java.util.List.of(), null, java.util.List.of());
  }

  public static ApprovalStep of(String name, String role) {
    return new ApprovalStep(name, role, Optional.empty(), null, "");
  }

  public ApprovalStep within(Duration limit) {
    return new ApprovalStep(name, role, Optional.of(limit), escalateTo, doc, otherRoles, assignee, excluded);
  }

  public ApprovalStep escalateTo(String escalationRole) {
    return new ApprovalStep(name, role, within, escalationRole, doc, otherRoles, assignee, excluded);
  }

  public ApprovalStep doc(String text) {
    return new ApprovalStep(name, role, within, escalateTo, text, otherRoles, assignee, excluded);
  }

  /** {@code by ROLE or OTHER…}: the other roles (qualified) that may decide too. */
  public ApprovalStep or(String... roles) {
    return new ApprovalStep(name, role, within, escalateTo, doc, java.util.List.of(roles), assignee, excluded);
  }

  /** {@code by match …}: the role decided for this occurrence. */
  public ApprovalStep role(String decided) {
    return new ApprovalStep(name, decided, within, escalateTo, doc, otherRoles, assignee, excluded);
  }

  /** {@code by match …}: the roles decided for this occurrence, the first and the others ({@code A or B}). */
  public ApprovalStep decided(java.util.List<String> roles) {
    return new ApprovalStep(name, roles.get(0), within, escalateTo, doc, roles.subList(1, roles.size()), assignee,
        excluded);
  }

  /** {@code assign to PERSON}: gives the decision to this person ({@code null}: to nobody, the role's). */
  public ApprovalStep assignTo(String person) {
    return new ApprovalStep(name, role, within, escalateTo, doc, otherRoles, person, excluded);
  }

  /** {@code not by PERSON, …}: each a person's name, {@code null} or a collection of names (nulls are skipped). */
  public ApprovalStep notBy(Object... people) {
    return new ApprovalStep(name, role, within, escalateTo, doc, otherRoles, assignee, People.names(people));
  }

  @Override
  public String kind() {
    return "approval";
  }
}
