package dev.flow.cli;

import dev.flow.compiler.diag.Suggestions;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * {@code flowc}: finds the subcommand, parses its options, and turns every way of ending into
 * an exit code. Bad usage is one line {@code flowc: <what is wrong>} and exit 2; an unexpected
 * exception is a bug, reported as {@code flowc: internal error: <message>} and exit 2, with the
 * stack trace only when the environment has {@code FLOWC_DEBUG=1}. No stack trace otherwise.
 */
public final class Main {
  private Main() {}

  /** The environment variable that makes an internal error print its stack trace. */
  static final String DEBUG_VARIABLE = "FLOWC_DEBUG";

  private static final String HELP = "help";

  public static void main(String[] args) {
    // Diagnostics quote the sources and JSON is UTF-8: write UTF-8 whatever the platform default.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /** Runs {@code flowc} in-process: results and help on {@code out}, diagnostics and messages on {@code err}. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv(), Commands.all());
  }

  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, List<Command> commands) {
    Terminal terminal = new Terminal(out, err, Terminal.colour(env));
    try {
      return dispatch(List.of(args), terminal, commands);
    } catch (UsageException e) {
      for (String line : e.getMessage().split("\n")) {
        err.println("flowc: " + line);
      }
      e.hint().ifPresent(err::println);
      return ExitCode.USAGE;
    } catch (RuntimeException | Error e) {
      boolean debug = "1".equals(env.get(DEBUG_VARIABLE));
      err.println("flowc: internal error: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
      err.println("please report this, with the command and the files that caused it"
          + (debug ? "" : " (" + DEBUG_VARIABLE + "=1 shows the stack trace)"));
      if (debug) {
        e.printStackTrace(err);
      }
      return ExitCode.USAGE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int dispatch(List<String> args, Terminal terminal, List<Command> commands) throws UsageException {
    Command help = Commands.find(commands, HELP).orElseThrow();
    if (args.isEmpty()) {
      terminal.err().print(HelpText.overview(commands, globalOptions()));
      return ExitCode.USAGE;
    }
    String first = args.get(0);
    List<String> rest = args.subList(1, args.size());
    switch (first) {
      case "-h", "--help" -> {
        return runCommand(help, rest, terminal);
      }
      case "--version" -> {
        if (!rest.isEmpty()) {
          throw new UsageException("`flowc --version` takes no arguments");
        }
        terminal.out().println("flowc " + Version.get());
        return ExitCode.OK;
      }
      default -> {
        if (first.startsWith("-")) {
          throw unknownOption(first, globalOptions(), "flowc");
        }
        Command command = Commands.find(commands, first).orElseThrow(() -> Commands.unknown(first, commands));
        return runCommand(command, rest, terminal);
      }
    }
  }

  private static int runCommand(Command command, List<String> args, Terminal terminal) throws UsageException {
    Options options = commandOptions(command);
    CommandLine line;
    try {
      line = DefaultParser.builder()
          .setAllowPartialMatching(false)
          .get()
          .parse(options, args.toArray(String[]::new));
    } catch (UnrecognizedOptionException e) {
      throw unknownOption(e.getOption(), options, "flowc " + command.name());
    } catch (MissingArgumentException e) {
      Option option = e.getOption();
      throw new UsageException(
          "option `" + HelpText.spell(option).trim() + "` needs a value",
          "run `flowc " + command.name() + " --help` for the options");
    } catch (ParseException e) {
      throw new UsageException(e.getMessage(), "run `flowc " + command.name() + " --help` for the options");
    }
    if (line.hasOption(HELP)) {
      terminal.out().print(HelpText.of(command, options));
      return ExitCode.OK;
    }
    return command.run(line, terminal);
  }

  /** The options that {@code flowc} itself takes, before any command. */
  static Options globalOptions() {
    return new Options()
        .addOption(helpOption())
        .addOption(Option.builder().longOpt("version").desc("print the version of flowc").get());
  }

  /** A command's options and {@code -h/--help}. */
  static Options commandOptions(Command command) {
    return command.options().addOption(helpOption());
  }

  private static Option helpOption() {
    return Option.builder("h").longOpt(HELP).desc("show this help").get();
  }

  private static UsageException unknownOption(String option, Options options, String where) {
    List<String> spellings = new ArrayList<>();
    for (Option o : options.getOptions()) {
      if (o.getOpt() != null) {
        spellings.add("-" + o.getOpt());
      }
      if (o.getLongOpt() != null) {
        spellings.add("--" + o.getLongOpt());
      }
    }
    String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
    String didYouMean = Suggestions.didYouMean(name, spellings);
    return new UsageException(
        "unknown option `" + name + "` for `" + where + "`" + (didYouMean == null ? "" : ": " + didYouMean),
        "run `" + where + " --help` for the options");
  }
}
