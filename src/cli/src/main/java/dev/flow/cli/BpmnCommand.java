package dev.flow.cli;

import dev.flow.compiler.bpmn.Bpmn;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diagram.ModelIndex;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code flowc bpmn FILES|DIRS -o DIR [--workflow W | --process P]}: BPMN 2.0 XML of the
 * checked model, a file per process. The same files as {@code flowc diagram --format bpmn}.
 */
final class BpmnCommand implements Command {
  private static final String WORKFLOW = "workflow";
  private static final String PROCESS = "process";
  private static final String OUTPUT = "output";

  @Override
  public String name() {
    return "bpmn";
  }

  @Override
  public String summary() {
    return "export processes and workflows as BPMN 2.0 XML (pools, lanes, layout)";
  }

  @Override
  public String usage() {
    return "flowc bpmn [options] -o DIR FILES|DIRS...";
  }

  @Override
  public String description() {
    return "Checks the given .flow files as one model and writes BPMN 2.0 XML below DIR: one file per"
        + " process (<package>/<Process>.bpmn), a collaboration with a pool per workflow of the process,"
        + " a lane per role and system, message flows for the hand-offs between its workflows, and a"
        + " layout, so that bpmn.io, Camunda Modeler and other BPMN tools open it readably; a workflow in"
        + " no process gets a file of its own (<package>/<Workflow>.bpmn).\n\n"
        + "Without -o, choose one file with --workflow or --process and it is printed on stdout. Problems"
        + " in the sources are reported as by `flowc check`; with an error, nothing is written. The same"
        + " as `flowc diagram --format bpmn`.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder("o")
            .longOpt(OUTPUT)
            .hasArg()
            .argName("DIR")
            .desc("write the .bpmn files below DIR (created when missing)")
            .get())
        .addOption(Option.builder()
            .longOpt(WORKFLOW)
            .hasArg()
            .argName("W")
            .desc("only the file that draws workflow W (its name, or package.Name)")
            .get())
        .addOption(Option.builder()
            .longOpt(PROCESS)
            .hasArg()
            .argName("P")
            .desc("only the file of process P (its name, or package.Name)")
            .get());
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    if (line.hasOption(WORKFLOW) && line.hasOption(PROCESS)) {
      throw new UsageException("choose either --workflow or --process, not both", "run `flowc bpmn --help` for the options");
    }
    Optional<String> output = Optional.ofNullable(line.getOptionValue(OUTPUT));
    if (output.isEmpty() && !line.hasOption(WORKFLOW) && !line.hasOption(PROCESS)) {
      throw new UsageException("`flowc bpmn` needs -o DIR, or --workflow or --process to print one file",
          "usage: " + usage());
    }
    Optional<SemanticModel> model = CheckedModel.load(name(), line.getArgList(), terminal, usage());
    if (model.isEmpty()) {
      return ExitCode.ERRORS;
    }
    ModelIndex index = new ModelIndex(model.get());
    SortedMap<String, String> files = DiagramCommand.chosen(Bpmn.files(model.get()), Bpmn.paths(index), index,
        line.getOptionValue(WORKFLOW), line.getOptionValue(PROCESS));
    if (output.isEmpty()) {
      terminal.out().print(files.values().iterator().next());
      return ExitCode.OK;
    }
    terminal.err().println(OutputDirectory.write(output.get(), files).summary("BPMN file", "BPMN files", output.get()));
    return ExitCode.OK;
  }
}
