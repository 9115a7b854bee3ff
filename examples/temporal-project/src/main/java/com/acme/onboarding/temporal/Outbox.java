package com.acme.onboarding.temporal;

import dev.flow.runtime.Notification;
import dev.flow.runtime.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Delivers notifications by keeping them (and, for the demo, printing them). A real one would
 * send e-mail through the mailbox that system {@code Email} stands for, and chat messages to roles.
 */
public final class Outbox implements Notifier {
  private final List<Notification> sent = new ArrayList<>();
  private final Consumer<Notification> also;

  public Outbox() {
    this(n -> { });
  }

  /** An outbox that also hands every notification to {@code also} (e.g. to print it). */
  public Outbox(Consumer<Notification> also) {
    this.also = also;
  }

  @Override
  public synchronized void send(Notification notification) {
    sent.add(notification);
    also.accept(notification);
  }

  /** Everything sent so far, in order. */
  public synchronized List<Notification> sent() {
    return List.copyOf(sent);
  }

  /** The messages sent to one e-mail address. */
  public synchronized List<String> to(String address) {
    return sent.stream().filter(n -> !n.recipient().isRole() && n.recipient().address().equals(address))
        .map(Notification::message).toList();
  }

  /** The messages sent to everyone holding a role. */
  public synchronized List<String> toRole(String role) {
    return sent.stream().filter(n -> n.recipient().isRole() && n.recipient().role().equals(role))
        .map(Notification::message).toList();
  }
}
