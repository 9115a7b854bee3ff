package dev.flow.runtime;

/**
 * The result of an {@code approval} step.
 *
 * @param approved whether the person approved
 * @param comment what they wrote, or {@code null}
 */
public record Approval(boolean approved, String comment) {
  public static Approval approve(String comment) {
    return new Approval(true, comment);
  }

  public static Approval reject(String comment) {
    return new Approval(false, comment);
  }
}
