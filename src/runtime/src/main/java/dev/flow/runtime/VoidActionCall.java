package dev.flow.runtime;

/**
 * A call of an action without a result, e.g. {@code drive -> drive.share(folder, email)}.
 *
 * @param <S> the system's interface
 */
@FunctionalInterface
public interface VoidActionCall<S> {
  void call(S system) throws Exception;
}
