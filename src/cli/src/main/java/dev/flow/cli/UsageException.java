package dev.flow.cli;

import java.util.Optional;

/**
 * Bad usage or I/O that the user can fix: an unknown option, a missing file. {@link Main}
 * prints it as {@code flowc: <message>} (and the hint, if any) and exits with {@link
 * ExitCode#USAGE}. Never a bug: bugs are other exceptions.
 */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String hint;

  UsageException(String message) {
    this(message, null);
  }

  /**
   * @param message what is wrong, in one line
   * @param hint what to do about it (a did-you-mean, where to find the usage), or null
   */
  UsageException(String message, String hint) {
    super(message);
    this.hint = hint;
  }

  Optional<String> hint() {
    return Optional.ofNullable(hint);
  }
}
