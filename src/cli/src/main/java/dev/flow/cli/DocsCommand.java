package dev.flow.cli;

import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.docs.Docs;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code flowc docs FILES|DIRS -o DIR}: Markdown documentation of the checked model. */
final class DocsCommand implements Command {
  private static final String OUTPUT = "output";

  @Override
  public String name() {
    return "docs";
  }

  @Override
  public String summary() {
    return "write Markdown documentation: a page per process, with diagrams and step tables";
  }

  @Override
  public String usage() {
    return "flowc docs -o DIR FILES|DIRS...";
  }

  @Override
  public String description() {
    return "Checks the given .flow files as one model and writes its documentation as Markdown below"
        + " DIR: index.md with the landscape of all processes, the roles and the systems, and a page"
        + " per process (<package>/<Process>.md) with its goal, category, owner, stakeholders,"
        + " measures and process map, and for each of its workflows the trigger, owner, deadline,"
        + " flowchart and a table of the steps: who does them, their time limits and their doc"
        + " comments. Diagrams are Mermaid fences, which GitHub draws.\n\n"
        + "Problems in the sources are reported as by `flowc check`; with an error, nothing is written.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder("o")
            .longOpt(OUTPUT)
            .hasArg()
            .argName("DIR")
            .desc("write the pages below DIR (created when missing); required")
            .get());
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    if (!line.hasOption(OUTPUT)) {
      throw new UsageException("`flowc docs` needs -o DIR: the directory to write the pages into", "usage: " + usage());
    }
    Optional<SemanticModel> model = CheckedModel.load(name(), line.getArgList(), terminal, usage());
    if (model.isEmpty()) {
      return ExitCode.ERRORS;
    }
    SortedMap<String, String> pages = Docs.files(model.get());
    String output = line.getOptionValue(OUTPUT);
    terminal.err().println(OutputDirectory.write(output, pages).summary("page", "pages", output));
    return ExitCode.OK;
  }
}
