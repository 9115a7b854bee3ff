package dev.flow.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code approval NAME by ROLE [within D [escalate to ROLE]]}: a decision by a person; the result
 * is an {@link Approval}.
 *
 * @param name the step's name
 * @param role the qualified name of the role that decides
 * @param within its time limit, if any
 * @param escalateTo the role it is escalated to when the time limit passes, or {@code null}
 * @param doc the doc comment, or the empty string
 */
public record ApprovalStep(String name, String role, Optional<Duration> within, String escalateTo, String doc)
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
  }

  public static ApprovalStep of(String name, String role) {
    return new ApprovalStep(name, role, Optional.empty(), null, "");
  }

  public ApprovalStep within(Duration limit) {
    return new ApprovalStep(name, role, Optional.of(limit), escalateTo, doc);
  }

  public ApprovalStep escalateTo(String escalationRole) {
    return new ApprovalStep(name, role, within, escalationRole, doc);
  }

  public ApprovalStep doc(String text) {
    return new ApprovalStep(name, role, within, escalateTo, text);
  }

  @Override
  public String kind() {
    return "approval";
  }
}
