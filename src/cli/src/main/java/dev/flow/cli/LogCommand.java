package dev.flow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.runtime.EventLog;
import dev.flow.runtime.LogCase;
import dev.flow.runtime.LogEntry;
import dev.flow.runtime.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code flowc log JOURNAL_DIR -o FILE}: the event log of a file journal as XES or CSV, by the
 * file's extension. The journal is opened with its lock and nothing in it is changed.
 */
final class LogCommand implements Command {
  private static final String OUTPUT = "output";
  private static final String MODEL = "model";
  private static final String DIRECTLY_FOLLOWS = "directly-follows";

  @Override
  public String name() {
    return "log";
  }

  @Override
  public String summary() {
    return "export the event log of a journal as XES (for process mining) or CSV";
  }

  @Override
  public String usage() {
    return "flowc log [options] JOURNAL_DIR|JDBC_URL -o FILE.xes|FILE.csv";
  }

  @Override
  public String description() {
    return "Reads the file journal in JOURNAL_DIR (the directory of `flowc run --journal DIR` or of"
        + " Engine.builder().journal(dir)) and writes its event log to FILE: every step start and completion,"
        + " task claim and assignment, withdrawal and breach of every instance.\n\n"
        + "The format is FILE's extension: .xes writes XES (IEEE 1849), which process-mining tools (ProM, pm4py,"
        + " Disco, Celonis) read: a trace per instance with its workflow, version, process and state, an event"
        + " per row with concept:name, lifecycle:transition, time:timestamp and org:resource. .csv writes the"
        + " columns case_id, workflow, activity, lifecycle, timestamp, resource.\n\n"
        + "A journal does not hold the model, so the process of each workflow is named only with --model."
        + " The journal is opened with its lock: stop the engine that holds it first. A database store is read"
        + " from its URL instead of JOURNAL_DIR (jdbc:h2:… or jdbc:postgresql://…), while engines may run on it.";
  }

  @Override
  public String exitCodes() {
    return "Exit codes: 0 the log was written; 1 errors in the sources of --model; 2 bad usage, a directory that"
        + " holds no journal or is in use, or I/O.\n";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder("o").longOpt(OUTPUT).hasArg().argName("FILE")
            .desc("write the log to FILE: .xes for XES, .csv for CSV; required").get())
        .addOption(Option.builder("m").longOpt(MODEL).hasArg().argName("FILE|DIR")
            .desc("the model's .flow files (repeat for more), to name each workflow's process").get())
        .addOption(Option.builder().longOpt(DIRECTLY_FOLLOWS).hasArg().argName("FILE")
            .desc("also write the directly-follows counts of the activities, per pair, as JSON (for checking"
                + " the log against a process-mining tool's)").get());
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    List<String> arguments = line.getArgList();
    if (arguments.isEmpty()) {
      throw new UsageException("`flowc log` needs the journal directory to read", "usage: " + usage());
    }
    if (arguments.size() > 1) {
      throw new UsageException("`flowc log` reads one journal directory, not " + arguments.size() + ": "
          + String.join(" ", arguments), "usage: " + usage());
    }
    if (!line.hasOption(OUTPUT)) {
      throw new UsageException("`flowc log` needs -o FILE: the file to write the log to (.xes or .csv)", "usage: " + usage());
    }
    Path output = path(line.getOptionValue(OUTPUT), "-o");
    String format = format(output);
    Path dfg = line.hasOption(DIRECTLY_FOLLOWS) ? path(line.getOptionValue(DIRECTLY_FOLLOWS), "--directly-follows") : null;
    Map<String, String> processOf = Map.of();
    if (line.hasOption(MODEL)) {
      Optional<SemanticModel> model = CheckedModel.load(name(), Arrays.asList(line.getOptionValues(MODEL)), terminal, usage(),
          Compiler.Mode.CHECK, "nothing written");
      if (model.isEmpty()) {
        return ExitCode.ERRORS;
      }
      processOf = processes(model.get());
    }
    EventLog read;
    if (StoreLocation.isDatabase(arguments.get(0))) {
      try {
        read = LogSources.read(arguments.get(0));
      } catch (LogSources.Unreadable e) {
        terminal.err().println("flowc log: " + e.getMessage());
        return ExitCode.USAGE;
      }
    } else {
      Path journal = path(arguments.get(0), "JOURNAL_DIR");
      try {
        read = EventLog.readJournal(journal);
      } catch (StoreException e) {
        terminal.err().println("flowc log: " + e.getMessage());
        return ExitCode.USAGE;
      }
    }
    Map<String, String> processes = processOf;
    EventLog log = processes.isEmpty() ? read : new EventLog(read.entries(), read.cases().stream().map(c -> new LogCase(
        c.caseId(), c.workflow(), c.version(), processes.getOrDefault(c.workflow(), ""), c.state(), c.parentId())).toList());
    write(output, "-o", out -> {
      if (format.equals("xes")) {
        log.writeXes(out);
      } else {
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
          log.writeCsv(writer);
        }
      }
    });
    if (dfg != null) {
      byte[] json = directlyFollowsJson(log);
      write(dfg, "--directly-follows", out -> out.write(json));
    }
    int cases = log.cases().size();
    int events = log.entries().size();
    terminal.err().println("wrote " + cases + (cases == 1 ? " case" : " cases") + " with " + events
        + (events == 1 ? " event" : " events") + " as " + format.toUpperCase(Locale.ROOT) + " to " + output
        + (dfg == null ? "" : ", and their directly-follows counts to " + dfg));
    return ExitCode.OK;
  }

  /** {@code xes} or {@code csv}, by the file's extension. */
  private static String format(Path output) throws UsageException {
    String file = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
    if (file.endsWith(".xes")) {
      return "xes";
    }
    if (file.endsWith(".csv")) {
      return "csv";
    }
    throw new UsageException("cannot tell the format of " + output + " from its name",
        "give -o a file ending in .xes (XES, for process-mining tools) or .csv");
  }

  private static Path path(String text, String option) throws UsageException {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new UsageException("not a valid path: " + text, "check the path given to " + option);
    }
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private static void write(Path file, String option, Body body) throws UsageException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        body.write(out);
      }
    } catch (IOException | UncheckedIOException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new UsageException("cannot write " + file + ": " + message, "check the path given to " + option);
    }
  }

  /** The process (qualified) that lists each workflow (qualified), as the model says. */
  static Map<String, String> processes(SemanticModel model) {
    Map<String, String> processOf = new HashMap<>();
    for (Decl decl : model.declarations()) {
      if (decl instanceof Decl.ProcessDecl process) {
        String processName = qualified(model, process);
        for (Clause.Workflows clause : process.clauses(Clause.Workflows.class)) {
          for (Name workflow : clause.workflows()) {
            model.declarationOf(workflow).ifPresent(w -> processOf.put(qualified(model, w), processName));
          }
        }
      }
    }
    return processOf;
  }

  private static String qualified(SemanticModel model, Decl decl) {
    String pkg = model.packageOf(decl);
    return pkg.isEmpty() ? decl.name().text() : pkg + "." + decl.name().text();
  }

  /**
   * Flow's own directly-follows counts: in each case, every pair of consecutive events (in the
   * order of the case's trace in the XES), counted by their activities.
   */
  static Map<String, Map<String, Long>> directlyFollows(EventLog log) {
    Map<String, List<LogEntry>> byCase = new LinkedHashMap<>();
    for (LogEntry entry : log.entries()) {
      byCase.computeIfAbsent(entry.caseId(), k -> new ArrayList<>()).add(entry);
    }
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (List<LogEntry> trace : byCase.values()) {
      for (int i = 1; i < trace.size(); i++) {
        counts.computeIfAbsent(trace.get(i - 1).activity(), k -> new TreeMap<>())
            .merge(trace.get(i).activity(), 1L, Long::sum);
      }
    }
    return counts;
  }

  private static byte[] directlyFollowsJson(EventLog log) {
    List<Map<String, Object>> pairs = new ArrayList<>();
    directlyFollows(log).forEach((from, tos) -> tos.forEach((to, count) -> {
      Map<String, Object> pair = new LinkedHashMap<>();
      pair.put("from", from);
      pair.put("to", to);
      pair.put("count", count);
      pairs.add(pair);
    }));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("classifier", "concept:name");
    json.put("cases", log.cases().size());
    json.put("events", log.entries().size());
    json.put("directlyFollows", pairs);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the directly-follows counts as JSON: " + e.getMessage(), e);
    }
  }
}
