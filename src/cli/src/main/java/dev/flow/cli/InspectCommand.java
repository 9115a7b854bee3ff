package dev.flow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flow.cli.Inspection.Kind;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diagram.ModelIndex;
import dev.flow.compiler.diagram.Statements;
import dev.flow.runtime.EventLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code flowc inspect MODEL --log SOURCE}: what the log of real cases says about the model: where
 * work waits, which measures meet their targets, the paths cases took, and the cases the model
 * cannot produce.
 */
final class InspectCommand implements Command {
  private static final String LOG = "log";
  private static final String FORMAT = "format";
  private static final String OUTPUT = "output";
  private static final String WORKFLOW = "workflow";

  @Override
  public String name() {
    return "inspect";
  }

  @Override
  public String summary() {
    return "what a log of real cases says: where work waits, measures against targets, paths taken";
  }

  @Override
  public String usage() {
    return "flowc inspect [options] FILES|DIRS... --log JOURNAL_DIR|JDBC_URL|FILE.csv|FILE.xes";
  }

  @Override
  public String description() {
    return "Checks the model in FILES|DIRS, reads the event log of real cases (a file journal, a database store"
        + " given by its jdbc:h2: or jdbc:postgresql: URL, or the CSV or XES that `flowc log` writes) and reports:\n\n"
        + "- per workflow, its cases: started, completed, failed, cancelled, running (a CSV log does not hold"
        + " the cases' states: there they are only ended or running);\n"
        + "- per step: how often it ran, how many cases passed it, how often it was redone (a loop or `go to`),"
        + " the median and 90th percentile of its waiting time (a task from offered to claimed; a receive or"
        + " wait all its time) and of its working time (a task from claimed to completed; an action or call all"
        + " its time), and how often its time limit passed;\n"
        + "- where work waits most (the three steps with the longest median wait);\n"
        + "- each process measure computed from the cases (median, 90th percentile, share within the target)"
        + " with a verdict: on target when the median case is within it;\n"
        + "- the variants (distinct paths of completed steps) with how many cases took each, and the cases the"
        + " model cannot produce: a step its workflow does not have, a step that cannot follow the one before it, or"
        + " a completed case that ends where the model never ends.\n\n"
        + "--format markdown writes a report with a Mermaid heat map per workflow: the paths cases took, each"
        + " step labelled and coloured by its median wait, each edge by how many cases took it. --format json"
        + " writes the same figures for other tools.";
  }

  @Override
  public String exitCodes() {
    return "Exit codes: 0 the report was written; 1 errors in the sources; 2 bad usage, or a log that cannot be read.\n";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder("l").longOpt(LOG).hasArg().argName("SOURCE")
            .desc("the log: a journal directory, a database store's jdbc: URL, or a .csv or .xes file written by"
                + " `flowc log`; required").get())
        .addOption(Option.builder("f").longOpt(FORMAT).hasArg().argName("FORMAT")
            .desc("text (default), markdown or json").get())
        .addOption(Option.builder("o").longOpt(OUTPUT).hasArg().argName("FILE")
            .desc("write the report to FILE instead of the standard output").get())
        .addOption(Option.builder("w").longOpt(WORKFLOW).hasArg().argName("NAME")
            .desc("report only this workflow (its simple or qualified name); the measures are always reported").get());
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    if (!line.hasOption(LOG)) {
      throw new UsageException("`flowc inspect` needs --log SOURCE: the journal directory, or the .csv or .xes file of"
          + " `flowc log`", "usage: " + usage());
    }
    String format = line.getOptionValue(FORMAT, "text");
    if (!List.of("text", "markdown", "json").contains(format)) {
      throw new UsageException("unknown format `" + format + "`", "give --format text, markdown or json");
    }
    String source = line.getOptionValue(LOG);
    Optional<SemanticModel> model = CheckedModel.load(name(), line.getArgList(), terminal, usage(), Compiler.Mode.CHECK,
        "nothing inspected");
    if (model.isEmpty()) {
      return ExitCode.ERRORS;
    }
    ModelIndex index = new ModelIndex(model.get());
    List<Inspection.WorkflowSpec> workflows = workflows(index);
    java.util.Set<String> only = null;
    if (line.hasOption(WORKFLOW)) {
      String wanted = line.getOptionValue(WORKFLOW);
      List<Inspection.WorkflowSpec> chosen = workflows.stream()
          .filter(w -> w.qualified().equals(wanted) || w.simple().equals(wanted)).toList();
      if (chosen.isEmpty()) {
        throw new UsageException("the model has no workflow `" + wanted + "`", "its workflows: "
            + String.join(", ", workflows.stream().map(Inspection.WorkflowSpec::simple).toList()));
      }
      only = chosen.stream().map(Inspection.WorkflowSpec::qualified).collect(java.util.stream.Collectors.toSet());
    }
    EventLog log;
    try {
      log = LogSources.read(source);
    } catch (LogSources.Unreadable e) {
      terminal.err().println("flowc inspect: " + e.getMessage());
      return ExitCode.USAGE;
    }
    Inspection.Report report = Inspection.of(log, workflows, measures(index), only);
    String text = switch (format) {
      case "json" -> json(report);
      case "markdown" -> InspectReport.markdown(report, StoreLocation.withoutPassword(source), w -> {
        Inspection.WorkflowSpec spec = workflows.stream().filter(s -> s.qualified().equals(w.workflow())).findFirst()
            .orElseThrow();
        Decl.WorkflowDecl decl = index.workflows().stream().filter(d -> index.qualifiedName(d).equals(w.workflow()))
            .findFirst().orElseThrow();
        return InspectReport.heatMap(index, decl, w, spec.footprint());
      });
      default -> InspectReport.text(report, StoreLocation.withoutPassword(source));
    };
    if (line.hasOption(OUTPUT)) {
      Path output = path(line.getOptionValue(OUTPUT), "-o");
      try {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(output, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UsageException("cannot write " + output + ": " + e.getMessage(), "check the path given to -o");
      }
      terminal.err().println("wrote the inspection of " + log.cases().size() + " cases to " + output);
    } else {
      terminal.out().print(text);
    }
    return ExitCode.OK;
  }

  /** The workflows of the model, each with its named steps and what kind they are. */
  static List<Inspection.WorkflowSpec> workflows(ModelIndex index) {
    List<Inspection.WorkflowSpec> specs = new ArrayList<>();
    for (Decl.WorkflowDecl workflow : index.workflows()) {
      Map<String, Kind> steps = new LinkedHashMap<>();
      for (Stmt statement : Statements.all(workflow.body())) {
        if (statement instanceof Stmt.Named named) {
          steps.putIfAbsent(named.name().text(), kind(named));
        }
      }
      List<String> startsAfter = new ArrayList<>();
      for (Clause.Trigger trigger : workflow.clauses(Clause.Trigger.class)) {
        if (trigger.kind() == Clause.TriggerKind.AFTER_WORKFLOW && trigger.target().isPresent()) {
          index.workflow(trigger.target().get()).ifPresent(before -> startsAfter.add(index.qualifiedName(before)));
        }
      }
      specs.add(new Inspection.WorkflowSpec(index.qualifiedName(workflow), workflow.name().text(), steps,
          Footprint.of(workflow.body()), List.copyOf(startsAfter)));
    }
    return specs;
  }

  private static Kind kind(Stmt.Named step) {
    if (step instanceof Stmt.HumanStep || step instanceof Stmt.Approval) {
      return Kind.HUMAN;
    }
    if (step instanceof Stmt.Receive) {
      return Kind.WAIT;
    }
    if (step instanceof Stmt.Call) {
      return Kind.CALL;
    }
    return Kind.SYSTEM;
  }

  /** The measures of every process of the model. */
  static List<Inspection.MeasureSpec> measures(ModelIndex index) {
    List<Inspection.MeasureSpec> measures = new ArrayList<>();
    for (Decl.ProcessDecl process : index.processes()) {
      for (Clause.Measure measure : process.clauses(Clause.Measure.class)) {
        Optional<Inspection.Milestone> from = milestone(index, measure.from());
        Optional<Inspection.Milestone> to = milestone(index, measure.to());
        if (from.isEmpty() || to.isEmpty()) {
          continue; // the checker reported it
        }
        measures.add(new Inspection.MeasureSpec(index.qualifiedName(process), measure.name().text(),
            measure.title().orElse(measure.name().text()), from.get(), to.get(),
            measure.target().map(t -> t.value()).orElse(null)));
      }
    }
    return measures;
  }

  private static Optional<Inspection.Milestone> milestone(ModelIndex index, Clause.Milestone milestone) {
    return index.workflow(milestone.workflow())
        .map(w -> new Inspection.Milestone(index.qualifiedName(w), milestone.point().text()));
  }

  private static String json(Inspection.Report report) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(InspectReport.tree(report))
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON: " + e.getMessage(), e);
    }
  }

  private static Path path(String text, String option) throws UsageException {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new UsageException("not a valid path: " + text, "check the path given to " + option);
    }
  }
}
