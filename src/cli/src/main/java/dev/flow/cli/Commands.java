package dev.flow.cli;

import dev.flow.compiler.diag.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The commands of {@code flowc}, in the order {@code flowc help} lists them. */
final class Commands {
  private Commands() {}

  /** Commands that DESIGN.md plans but this version does not have yet; help does not list them. */
  static final List<String> PLANNED = List.of();

  /** Every implemented command, {@code help} last. */
  static List<Command> all() {
    return withHelp(List.of(new CheckCommand(), new CompileCommand(), new DiagramCommand(), new BpmnCommand(),
        new DocsCommand(), new RunCommand(), new ServeCommand(), new LogCommand(), new InspectCommand(), new SimulateCommand(),
        new FmtCommand(), new LspCommand()));
  }

  /** The given commands and a {@code help} command that knows them. */
  static List<Command> withHelp(List<Command> commands) {
    List<Command> all = new ArrayList<>(commands);
    all.add(new HelpCommand(commands));
    return List.copyOf(all);
  }

  static Optional<Command> find(List<Command> commands, String name) {
    return commands.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The error for a word that names no command: planned, close to one (did you mean), or neither. */
  static UsageException unknown(String name, List<Command> commands) {
    String seeHelp = "run `flowc help` to see the commands";
    if (PLANNED.contains(name)) {
      return new UsageException("`flowc " + name + "` is not available yet in this version", seeHelp);
    }
    String didYouMean = Suggestions.didYouMean(name, commands.stream().map(Command::name).toList());
    return new UsageException(
        "unknown command `" + name + "`" + (didYouMean == null ? "" : ": " + didYouMean), seeHelp);
  }
}
