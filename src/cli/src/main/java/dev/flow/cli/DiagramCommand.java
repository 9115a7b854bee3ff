package dev.flow.cli;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.bpmn.Bpmn;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Suggestions;
import dev.flow.compiler.diagram.Diagrams;
import dev.flow.compiler.diagram.ModelIndex;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code flowc diagram FILES|DIRS [--workflow W | --process P] [--lanes] [-o DIR]}: Mermaid
 * diagrams of the checked model. With {@code -o}, every diagram (or the chosen one) is written
 * below the directory; without it, the one chosen diagram goes to stdout.
 */
final class DiagramCommand implements Command {
  private static final String WORKFLOW = "workflow";
  private static final String PROCESS = "process";
  private static final String LANES = "lanes";
  private static final String OUTPUT = "output";
  private static final String FORMAT = "format";
  private static final String DETAIL = "detail";
  private static final String WHOLE = "whole";

  @Override
  public String name() {
    return "diagram";
  }

  @Override
  public String summary() {
    return "draw workflows, processes and the process landscape as Mermaid diagrams";
  }

  @Override
  public String usage() {
    return "flowc diagram [options] FILES|DIRS...";
  }

  @Override
  public String description() {
    return "Checks the given .flow files as one model and draws it as Mermaid diagrams: a flowchart"
        + " per workflow (<package>/<Workflow>.workflow.mmd), a map per process"
        + " (<package>/<Process>.process.mmd) and the landscape of all processes (landscape.mmd)."
        + " With --format bpmn: BPMN 2.0 XML instead, one file per process (<package>/<Process>.bpmn)"
        + " with a pool per workflow and a lane per role and system, and one per workflow in no"
        + " process, laid out for bpmn.io and Camunda Modeler.\n\n"
        + "A workflow's flowchart that would not fit a laptop screen (1440x900) is an overview, where"
        + " each big part (a parallel, a try, a loop, a long branch) is one box, and a chart per part"
        + " (<Workflow>.workflow.<part>.mmd, named after the part's first step); --whole draws it as one"
        + " chart. With --lanes, a chart is split the same way (top to bottom or left to right); charts with --detail stay"
        + " whole.\n\n"
        + "With -o DIR, the diagrams are written below DIR. Without it, choose one diagram with"
        + " --workflow or --process and it is printed on stdout. Problems in the sources are"
        + " reported as by `flowc check`; with an error, nothing is drawn.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder("o")
            .longOpt(OUTPUT)
            .hasArg()
            .argName("DIR")
            .desc("write the diagrams below DIR (created when missing)")
            .get())
        .addOption(Option.builder()
            .longOpt(WORKFLOW)
            .hasArg()
            .argName("W")
            .desc("only the flowchart of workflow W (its name, or package.Name)")
            .get())
        .addOption(Option.builder()
            .longOpt(PROCESS)
            .hasArg()
            .argName("P")
            .desc("only the map of process P (its name, or package.Name)")
            .get())
        .addOption(Option.builder()
            .longOpt(LANES)
            .desc("group the steps of each workflow in swimlanes, one per role or system")
            .get())
        .addOption(Option.builder()
            .longOpt(DETAIL)
            .desc("for developers: also let/set, the action of each system step with its timeout and"
                + " retries, conditions as expressions and message templates")
            .get())
        .addOption(Option.builder()
            .longOpt(WHOLE)
            .desc("draw each workflow as one chart, even one too big for a screen (no overview and parts)")
            .get())
        .addOption(Option.builder()
            .longOpt(FORMAT)
            .hasArg()
            .argName("mermaid|markdown|bpmn")
            .desc("mermaid: .mmd files (the default); markdown: .md pages with a mermaid fence;"
                + " bpmn: BPMN 2.0 XML, a .bpmn file per process with a pool per workflow")
            .get());
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    String formatName = line.getOptionValue(FORMAT, "mermaid").toLowerCase(Locale.ROOT);
    boolean bpmn = formatName.equals("bpmn");
    Diagrams.Format format = bpmn ? Diagrams.Format.MERMAID : format(formatName);
    if (line.hasOption(WORKFLOW) && line.hasOption(PROCESS)) {
      throw new UsageException("choose either --workflow or --process, not both", "run `flowc diagram --help` for the options");
    }
    Optional<String> output = Optional.ofNullable(line.getOptionValue(OUTPUT));
    if (output.isEmpty() && !line.hasOption(WORKFLOW) && !line.hasOption(PROCESS)) {
      throw new UsageException("`flowc diagram` needs -o DIR, or --workflow or --process to print one diagram",
          "usage: " + usage());
    }
    Optional<SemanticModel> model = CheckedModel.load(name(), line.getArgList(), terminal, usage());
    if (model.isEmpty()) {
      return ExitCode.ERRORS;
    }
    Diagrams.Options options = new Diagrams.Options(line.hasOption(LANES), format, line.hasOption(DETAIL),
        line.hasOption(WHOLE));
    SortedMap<String, String> files = bpmn ? Bpmn.files(model.get()) : Diagrams.files(model.get(), options);
    ModelIndex index = new ModelIndex(model.get());
    Map<Decl, String> paths = bpmn ? Bpmn.paths(index) : Diagrams.paths(index, format);
    SortedMap<String, String> all = files;
    files = chosen(files, paths, index, line.getOptionValue(WORKFLOW), line.getOptionValue(PROCESS));
    if (!bpmn && line.hasOption(WORKFLOW)) {
      // The workflow's overview and the charts of its parts.
      files = Diagrams.chartsOf(all, files.firstKey(), format);
    }
    if (output.isEmpty()) {
      String chosenPath = bpmn || !line.hasOption(WORKFLOW) ? files.firstKey()
          : paths.get(find(index.workflows(), index, line.getOptionValue(WORKFLOW), "workflow"));
      terminal.out().print(files.get(chosenPath));
      if (files.size() > 1) {
        terminal.err().println("flowc diagram: printed the overview; its " + (files.size() - 1) + " part chart"
            + (files.size() == 2 ? "" : "s") + " are written with -o DIR, or draw it whole with --whole");
      }
      return ExitCode.OK;
    }
    terminal.err().println(OutputDirectory.write(output.get(), files).summary("diagram", "diagrams", output.get()));
    return ExitCode.OK;
  }

  /**
   * The files to write or print: all of them, or the one that draws the workflow or process
   * named on the command line (either may be null).
   */
  static SortedMap<String, String> chosen(SortedMap<String, String> files, Map<Decl, String> paths, ModelIndex index,
      String workflow, String process) throws UsageException {
    if (workflow != null) {
      Decl chosen = find(index.workflows(), index, workflow, "workflow");
      return only(files, paths.get(chosen));
    }
    if (process != null) {
      Decl chosen = find(index.processes(), index, process, "process");
      if (!paths.containsKey(chosen)) {
        throw new UsageException("process `" + process + "` has no workflows to draw in BPMN",
            "add workflows to its `workflows` clause");
      }
      return only(files, paths.get(chosen));
    }
    return files;
  }

  private static SortedMap<String, String> only(SortedMap<String, String> files, String path) {
    SortedMap<String, String> one = new TreeMap<>();
    one.put(path, files.get(path));
    return one;
  }

  /** The declaration a name on the command line means: {@code Name} or {@code package.Name}. */
  static <T extends Decl> T find(List<T> candidates, ModelIndex index, String wanted, String kind) throws UsageException {
    List<T> matches = candidates.stream()
        .filter(d -> index.qualifiedName(d).equals(wanted) || d.name().text().equals(wanted))
        .toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.size() > 1) {
      throw new UsageException("there are several " + kind + "s named `" + wanted + "`: "
          + String.join(", ", matches.stream().map(index::qualifiedName).toList()),
          "name one with its package, e.g. --" + kind + " " + index.qualifiedName(matches.get(0)));
    }
    String didYouMean = Suggestions.didYouMean(wanted, candidates.stream().map(d -> d.name().text()).toList());
    return throwUnknown(kind, wanted, didYouMean, candidates.isEmpty());
  }

  private static <T> T throwUnknown(String kind, String wanted, String didYouMean, boolean none) throws UsageException {
    throw new UsageException("no " + kind + " named `" + wanted + "`" + (didYouMean == null ? "" : ": " + didYouMean),
        none ? "the model has no " + kind : "run `flowc check` to see what the files declare");
  }

  private static Diagrams.Format format(String value) throws UsageException {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "mermaid", "mmd" -> Diagrams.Format.MERMAID;
      case "markdown", "md" -> Diagrams.Format.MARKDOWN;
      default -> throw new UsageException("unknown format `" + value + "`: --format is mermaid, markdown or bpmn",
          "run `flowc diagram --help` for the options");
    };
  }
}
