package dev.flow.cli;

/** The exit codes of {@code flowc} (LANGUAGE.md §6). */
final class ExitCode {
  private ExitCode() {}

  /** No errors (warnings allowed, unless {@code --warnings-as-errors}). */
  static final int OK = 0;
  /** Errors in the sources. */
  static final int ERRORS = 1;
  /** Bad usage or I/O: an unknown command or option, a missing or unreadable file, a bug. */
  static final int USAGE = 2;
}
