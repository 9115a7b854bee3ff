package dev.flow.runtime;

import java.util.Objects;

/**
 * Who a {@code notify} goes to: everyone holding a role, or an address.
 *
 * @param role the role's qualified name, or {@code null}
 * @param address an address (e-mail, phone, channel), or {@code null}
 */
public record Recipient(String role, String address) {
  public Recipient {
    if ((role == null) == (address == null)) {
      throw new IllegalArgumentException("a recipient is a role or an address");
    }
  }

  public static Recipient role(String role) {
    return new Recipient(Objects.requireNonNull(role, "role"), null);
  }

  public static Recipient address(String address) {
    return new Recipient(null, Objects.requireNonNull(address, "address"));
  }

  public boolean isRole() {
    return role != null;
  }

  @Override
  public String toString() {
    return isRole() ? "role " + role : address;
  }
}
