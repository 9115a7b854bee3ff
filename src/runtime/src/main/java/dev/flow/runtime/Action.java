package dev.flow.runtime;

import java.util.List;
import java.util.Objects;

/**
 * An action of a system, as data: which system, which action, its parameters and result type, and
 * how to call it on a connector with its arguments by position. The compiler generates one
 * constant per action in the system's interface. Because a step's call is data (this plus the
 * argument values), the engine can record it, perform it after the command is committed, run it
 * again after a restart, and a remote worker (Temporal's activity) can run it by name.
 *
 * @param system the system's generated interface, which a connector implements
 * @param systemName the system's qualified Flow name
 * @param name the action's name
 * @param parameters the parameters' names, in order
 * @param result the result's type ({@link ValueType#NONE} for an action without one)
 * @param invoker calls the action on a connector
 * @param errors the records of the errors the action declares ({@code fails CardDeclined}): business outcomes, not retried
 * @param <S> the system's interface
 * @param <R> the result's Java type ({@link Void} without one)
 */
public record Action<S, R>(
    Class<S> system, String systemName, String name, List<String> parameters, ValueType<R> result, Invoker<S, R> invoker,
    List<Class<? extends Record>> errors) {
  public Action {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(systemName, "systemName");
    Objects.requireNonNull(name, "name");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(invoker, "invoker");
    errors = List.copyOf(errors);
  }

  public static <S, R> Action<S, R> of(
      Class<S> system, String systemName, String name, List<String> parameters, ValueType<R> result,
      Invoker<S, R> invoker) {
    return new Action<>(system, systemName, name, parameters, result, invoker, List.of());
  }

  /** The same action, declaring the errors it can end with ({@code fails CardDeclined, InsufficientFunds}). */
  public Action<S, R> fails(List<? extends Class<? extends Record>> declared) {
    return new Action<>(system, systemName, name, parameters, result, invoker, List.copyOf(declared));
  }

  /** Whether a connector's exception is one of the errors this action declares. */
  public boolean declares(Throwable failure) {
    return failure instanceof DeclaredError d && d.error() != null && errors.contains(d.error().getClass());
  }

  /** The declared error of this name ({@link Class#getName()}), if the action declares it. */
  public java.util.Optional<Class<? extends Record>> error(String typeName) {
    return errors.stream().filter(e -> e.getName().equals(typeName)).findFirst();
  }

  /**
   * Calls the action.
   *
   * @param connector the system's connector
   * @param arguments the arguments, one per parameter, in order
   */
  public R invoke(Object connector, Object[] arguments) throws Exception {
    if (arguments.length != parameters.size()) {
      throw new IllegalArgumentException(systemName + "." + name + " takes " + parameters.size() + " arguments, not "
          + arguments.length);
    }
    return invoker.invoke(system.cast(connector), arguments);
  }

  /** {@code System.action}, as Flow writes it. */
  public String qualifiedName() {
    return systemName.substring(systemName.lastIndexOf('.') + 1) + "." + name;
  }

  /**
   * Calls an action on a connector, e.g. {@code (drive, args) -> drive.createFolder((String) args[0])}.
   *
   * @param <S> the system's interface
   * @param <R> the result
   */
  @FunctionalInterface
  public interface Invoker<S, R> {
    R invoke(S connector, Object[] arguments) throws Exception;
  }
}
