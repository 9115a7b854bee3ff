package dev.flow.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * One subcommand of {@code flowc}. {@link Main} parses its options (adding {@code -h/--help})
 * and handles help, bad usage and unexpected exceptions; the command only does its job.
 * Adding a command is adding a class and listing it in {@link Commands}.
 */
interface Command {
  /** The word after {@code flowc}. */
  String name();

  /** One line for the list of commands in {@code flowc help}. */
  String summary();

  /** The synopsis after {@code usage: }, e.g. {@code flowc check [options] FILES|DIRS...}. */
  String usage();

  /** What the command does, for {@code flowc <cmd> --help}: paragraphs separated by blank lines. */
  String description();

  /** The last line of {@code flowc <cmd> --help}: what the exit codes mean for this command. */
  default String exitCodes() {
    return HelpText.EXIT_CODES;
  }

  /** The command's own options; {@code -h/--help} is added by {@link Main}. */
  Options options();

  /**
   * Runs the command.
   *
   * @return the exit code ({@link ExitCode})
   * @throws UsageException for bad usage or unreadable input (exit code 2)
   */
  int run(CommandLine line, Terminal terminal) throws UsageException;
}
