package dev.flow.cli;

import dev.flow.compiler.Compiler;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diagram.ModelIndex;
import dev.flow.runtime.EventLog;
import dev.flow.runtime.FlowModule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code flowc simulate MODEL --cases N [--profile FILE]}: runs N cases on the in-memory engine with
 * a clock that jumps, as a profile of arrivals, durations, answers and staff says; reports the
 * measures and where work waits, and with {@code --what-if} how a second profile changes them.
 */
final class SimulateCommand implements Command {
  private static final String CASES = "cases";
  private static final String PROFILE = "profile";
  private static final String WHAT_IF = "what-if";
  private static final String SEED = "seed";
  private static final String START = "start";
  private static final String LOG = "log";
  /** A Monday: a fixed start, so that a run without --start is reproducible too. */
  static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");

  @Override
  public String name() {
    return "simulate";
  }

  @Override
  public String summary() {
    return "run many simulated cases from a profile; see the measures move with --what-if";
  }

  @Override
  public String usage() {
    return "flowc simulate [options] FILES|DIRS... --cases N";
  }

  @Override
  public String description() {
    return "Checks the model in FILES|DIRS, compiles it in memory and runs N cases on the engine with a clock that"
        + " jumps from one thing to the next. The profile (--profile FILE, JSON) says how often each workflow"
        + " starts (\"arrivals\"), its inputs (\"inputs\"), how long each step waits and takes and what it answers"
        + " (\"steps\"), and how many people each role has and when they work (\"staff\"); docs/inspect.md"
        + " describes it. Durations are \"2h\", \"uniform 1h 3h\", \"exponential 4h\" (mean) or \"lognormal 4h 0.5\""
        + " (median, sigma); a Bool answer may be a probability of true, a choice an object of probabilities.\n\n"
        + "Prints the cases run, each process measure (median, 90th percentile, share within its target) and the"
        + " steps where work waits most. --log FILE writes the event log of the run (.csv or .xes), for"
        + " `flowc inspect`. --what-if FILE runs the same cases with a second profile (same seed) and prints both"
        + " side by side. Seeded: the same model, profiles, --seed and --start give the same figures.";
  }

  @Override
  public String exitCodes() {
    return "Exit codes: 0 the simulation ran; 1 errors in the sources; 2 bad usage, a profile that cannot be used,"
        + " or I/O.\n";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder("n").longOpt(CASES).hasArg().argName("N")
            .desc("how many cases to start (1 to 100000); required").get())
        .addOption(Option.builder("p").longOpt(PROFILE).hasArg().argName("FILE")
            .desc("the profile (JSON); without one, the one workflow no other starts arrives every 8h, each task"
                + " takes 1h, system steps no time, and answers are defaults (approvals approve)").get())
        .addOption(Option.builder().longOpt(WHAT_IF).hasArg().argName("FILE")
            .desc("a second profile to compare with the first").get())
        .addOption(Option.builder().longOpt(SEED).hasArg().argName("N")
            .desc("the seed of the random draws (default 1)").get())
        .addOption(Option.builder().longOpt(START).hasArg().argName("TIMESTAMP")
            .desc("when the simulated time starts (default 2026-01-05T00:00:00Z, a Monday)").get())
        .addOption(Option.builder("l").longOpt(LOG).hasArg().argName("FILE")
            .desc("write the event log of the run to FILE: .csv or .xes").get());
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    if (!line.hasOption(CASES)) {
      throw new UsageException("`flowc simulate` needs --cases N: how many cases to run", "usage: " + usage());
    }
    int cases = cases(line.getOptionValue(CASES));
    long seed = seed(line.getOptionValue(SEED, "1"));
    Instant start = start(line.getOptionValue(START));
    SimulationProfile base = profile(line.getOptionValue(PROFILE), "--profile");
    SimulationProfile whatIf = line.hasOption(WHAT_IF) ? profile(line.getOptionValue(WHAT_IF), "--what-if") : null;
    Path log = line.hasOption(LOG) ? path(line.getOptionValue(LOG), "--log") : null;
    if (log != null && !log.toString().toLowerCase(Locale.ROOT).matches(".*\\.(csv|xes)")) {
      throw new UsageException("cannot tell the format of " + log + " from its name", "give --log a file ending in .csv or .xes");
    }
    Optional<SemanticModel> model = CheckedModel.load(name(), line.getArgList(), terminal, usage(), Compiler.Mode.GENERATE,
        "nothing run");
    if (model.isEmpty()) {
      return ExitCode.ERRORS;
    }
    ModelIndex index = new ModelIndex(model.get());
    List<FlowModule> modules = RunCommand.compile(model.get());
    Inspection.Report first;
    Inspection.Report second = null;
    try {
      EventLog baseLog = new Simulation(modules, base, seed, start).run(cases);
      first = Inspection.of(baseLog, InspectCommand.workflows(index), InspectCommand.measures(index));
      if (log != null) {
        write(baseLog, log);
      }
      if (whatIf != null) {
        EventLog otherLog = new Simulation(modules, whatIf, seed, start).run(cases);
        second = Inspection.of(otherLog, InspectCommand.workflows(index), InspectCommand.measures(index));
      }
    } catch (Simulation.Stuck e) {
      terminal.err().println("flowc simulate: " + e.getMessage());
      return ExitCode.USAGE;
    }
    terminal.out().print(second == null ? summary(first, cases, seed) : comparison(first, second, cases, seed));
    if (log != null) {
      terminal.err().println("wrote the event log of the run to " + log);
    }
    return ExitCode.OK;
  }

  static String summary(Inspection.Report report, int cases, long seed) {
    StringBuilder out = new StringBuilder();
    out.append("Simulated ").append(cases).append(cases == 1 ? " case" : " cases").append(" (seed ").append(seed)
        .append("); instances: ");
    List<String> parts = new ArrayList<>();
    for (Inspection.WorkflowReport w : report.workflows()) {
      parts.add(Inspection.simple(w.workflow()) + " " + w.started());
    }
    out.append(String.join(", ", parts)).append("\n\nMeasures\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("measure", "cases", "median", "p90", "target", "within"));
    for (Inspection.MeasureReport m : report.measures()) {
      rows.add(List.of(m.spec().name(), Integer.toString(m.stats().count()), words(m.stats().median()),
          words(m.stats().p90()), words(m.spec().target()), m.withinTarget() == null ? "-" : percent(m.withinTarget())));
    }
    table(out, rows);
    out.append("\nWhere work waits\n");
    int rank = 1;
    for (Inspection.Bottleneck b : report.bottlenecks()) {
      out.append("  ").append(rank++).append(". ").append(Inspection.simple(b.workflow())).append(".").append(b.step())
          .append(": median wait ").append(words(b.medianWait())).append("\n");
    }
    if (report.bottlenecks().isEmpty()) {
      out.append("  no step waited\n");
    }
    return out.toString();
  }

  static String comparison(Inspection.Report base, Inspection.Report whatIf, int cases, long seed) {
    StringBuilder out = new StringBuilder();
    out.append("Simulated ").append(cases).append(cases == 1 ? " case" : " cases").append(" twice (seed ").append(seed)
        .append("): with --profile, then with --what-if\n\nMeasures\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("measure", "median", "what-if", "p90", "what-if", "within", "what-if"));
    for (int i = 0; i < base.measures().size(); i++) {
      Inspection.MeasureReport a = base.measures().get(i);
      Inspection.MeasureReport b = whatIf.measures().get(i);
      rows.add(List.of(a.spec().name(), words(a.stats().median()), words(b.stats().median()), words(a.stats().p90()),
          words(b.stats().p90()), a.withinTarget() == null ? "-" : percent(a.withinTarget()),
          b.withinTarget() == null ? "-" : percent(b.withinTarget())));
    }
    table(out, rows);
    out.append("\nWhere work waits: ").append(waits(base)).append("\n            what-if: ").append(waits(whatIf))
        .append("\n");
    return out.toString();
  }

  private static String waits(Inspection.Report report) {
    List<String> parts = new ArrayList<>();
    for (Inspection.Bottleneck b : report.bottlenecks()) {
      parts.add(Inspection.simple(b.workflow()) + "." + b.step() + " " + words(b.medianWait()));
    }
    return parts.isEmpty() ? "no step waited" : String.join(", ", parts);
  }

  private static void table(StringBuilder out, List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder text = new StringBuilder("  ");
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        text.append(i == 0 ? cell + " ".repeat(widths[i] - cell.length()) : "  " + " ".repeat(widths[i] - cell.length()) + cell);
      }
      out.append(text.toString().stripTrailing()).append("\n");
    }
  }

  private static String words(java.time.Duration duration) {
    return Inspection.Durations.words(duration);
  }

  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }

  private static int cases(String text) throws UsageException {
    try {
      int cases = Integer.parseInt(text.strip());
      if (cases >= 1 && cases <= 100_000) {
        return cases;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new UsageException("--cases `" + text + "` is not a number of cases", "give a whole number from 1 to 100000");
  }

  private static long seed(String text) throws UsageException {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--seed `" + text + "` is not a whole number", "e.g. --seed 7");
    }
  }

  private static Instant start(String text) throws UsageException {
    if (text == null) {
      return DEFAULT_START;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException("--start `" + text + "` is not a timestamp", "write it like 2026-11-02T09:00:00Z");
    }
  }

  private static SimulationProfile profile(String file, String option) throws UsageException {
    if (file == null) {
      return new SimulationProfile();
    }
    Map<String, Object> json = RunCommand.json("@" + file, option);
    try {
      return SimulationProfile.of(json);
    } catch (SimulationProfile.Invalid e) {
      throw new UsageException(file + ": " + e.getMessage(), "see docs/inspect.md for the profile's form");
    }
  }

  private static Path path(String text, String option) throws UsageException {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new UsageException("not a valid path: " + text, "check the path given to " + option);
    }
  }

  private static void write(EventLog log, Path file) throws UsageException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".xes")) {
          log.writeXes(out);
        } else {
          try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            log.writeCsv(writer);
          }
        }
      }
    } catch (IOException e) {
      throw new UsageException("cannot write " + file + ": " + e.getMessage(), "check the path given to --log");
    }
  }
}
