package dev.flow.runtime;

/**
 * A call of one action on a system's connector, e.g. {@code drive -> drive.createFolder(client)}.
 * It may throw: the engine retries it as the step's retry policy says.
 *
 * @param <S> the system's interface
 * @param <R> the action's result
 */
@FunctionalInterface
public interface ActionCall<S, R> {
  R call(S system) throws Exception;
}
