package dev.flow.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code flowc help [COMMAND]}: the list of commands, or the help of one. */
final class HelpCommand implements Command {
  private final List<Command> others;

  /** @param others every other command, in the order to list them */
  HelpCommand(List<Command> others) {
    this.others = List.copyOf(others);
  }

  @Override
  public String name() {
    return "help";
  }

  @Override
  public String summary() {
    return "show this list, or the help of one command: flowc help check";
  }

  @Override
  public String usage() {
    return "flowc help [COMMAND]";
  }

  @Override
  public String description() {
    return "Lists the commands of flowc, or shows the options of one command"
        + " (the same as `flowc COMMAND --help`).";
  }

  @Override
  public Options options() {
    return new Options();
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    List<String> args = line.getArgList();
    List<Command> all = new ArrayList<>(others);
    all.add(this);
    if (args.isEmpty()) {
      terminal.out().print(HelpText.overview(all, Main.globalOptions()));
      return ExitCode.OK;
    }
    if (args.size() > 1) {
      throw new UsageException("`flowc help` takes one command, not " + args.size(), "usage: " + usage());
    }
    Command command = Commands.find(all, args.get(0)).orElseThrow(() -> Commands.unknown(args.get(0), all));
    terminal.out().print(HelpText.of(command, Main.commandOptions(command)));
    return ExitCode.OK;
  }
}
