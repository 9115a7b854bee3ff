package dev.flow.runtime;

/** The {@code catch} block of a {@code try}: given what failed. */
@FunctionalInterface
public interface Handler {
  void handle(FlowError error);
}
