package dev.flow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.codegen.JavaGenerator;
import dev.flow.runtime.Engine;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.FlowName;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.store.Store;
import dev.flow.runtime.store.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code flowc run FILES --workflow W --input JSON}: a dry run of one workflow on the runtime.
 * The model is checked and compiled to Java in memory, then run on an engine with a manual
 * clock: system steps are answered from {@code --answers} or with defaults, human steps from
 * {@code --answers}, at the terminal or with defaults, and time passes at once.
 */
final class RunCommand implements Command {
  private static final String WORKFLOW = "workflow";
  private static final String INPUT = "input";
  private static final String ANSWERS = "answers";
  private static final String START = "start";
  private static final String LOG = "log";
  private static final String ASK = "ask";
  private static final String JOURNAL = "journal";

  private final InputStream stdin;
  private final boolean interactive;

  RunCommand() {
    this(System.in, System.console() != null);
  }

  /**
   * @param stdin where to read answers when asking
   * @param interactive whether to ask for human steps that the answers file does not answer
   */
  RunCommand(InputStream stdin, boolean interactive) {
    this.stdin = stdin;
    this.interactive = interactive;
  }

  @Override
  public String name() {
    return "run";
  }

  @Override
  public String summary() {
    return "dry-run one workflow: systems and people answered, time passing at once";
  }

  @Override
  public String usage() {
    return "flowc run [options] FILES|DIRS... --workflow NAME";
  }

  @Override
  public String description() {
    return "Checks the files, compiles them to Java in memory and runs one workflow on the Flow runtime,"
        + " printing a trace of every step.\n\n"
        + "Nothing real is called: a system step's result comes from the answers file (by step name, or by"
        + " System.action) or is a default of its type; a human step is answered from the answers file, asked"
        + " at the terminal (when flowc runs in one, or with --ask), or filled with defaults (approvals approve);"
        + " a receive takes its event from the answers file. Time passes at once to the next timer.\n\n"
        + "The answers file is a JSON object keyed by step name, e.g. {\"createFolder\": \"https://…\","
        + " \"legalReview\": {\"approved\": false, \"comment\": \"missing clause\"}, \"signed\": {\"client\": \"Acme\"}};"
        + " a list gives one answer per occurrence of a step in a loop (or per attempt of a system step);"
        + " {\"$fail\": \"why\"} makes a system step's attempt fail, to try its retries.\n\n"
        + "Without --start the run starts now; give --start when the answers hold times (a sample's"
        + " answers are in the past of today). A run ends when the workflow ends or nothing more can"
        + " happen: it then names every instance still waiting (a task nobody answered, an event that"
        + " never came, a workflow it started, an incident: a step whose retries ran out and that waits for an"
        + " operator).";
  }

  @Override
  public String exitCodes() {
    return "Exit codes: 0 the workflow completed; 1 errors in the sources, or the workflow failed, was"
        + " cancelled or waits; 2 bad usage or I/O.\n";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder("w").longOpt(WORKFLOW).hasArg().argName("NAME")
            .desc("the workflow to run (its name, or its qualified name)").get())
        .addOption(Option.builder("i").longOpt(INPUT).hasArg().argName("JSON|@FILE")
            .desc("the workflow's inputs as a JSON object keyed by input name, or @FILE (or a file name) holding"
                + " one (default {})").get())
        .addOption(Option.builder("a").longOpt(ANSWERS).hasArg().argName("FILE")
            .desc("a JSON file answering steps by name").get())
        .addOption(Option.builder().longOpt(START).hasArg().argName("TIMESTAMP")
            .desc("when the run starts, e.g. 2026-11-24T09:00:00Z (default: now)").get())
        .addOption(Option.builder().longOpt(LOG).hasArg().argName("FILE")
            .desc("write the event log (one row per step start and completion) as CSV").get())
        .addOption(Option.builder().longOpt(ASK)
            .desc("ask at the terminal for human steps the answers file does not answer").get())
        .addOption(Option.builder().longOpt(JOURNAL).hasArg().argName("DIR|JDBC-URL")
            .desc("keep the run in a file journal in DIR, or in a database (a jdbc:h2: or jdbc:postgresql: URL);"
                + " run again with the same DIR or URL to resume it (e.g. with more answers)").get());
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    List<String> arguments = line.getArgList();
    if (arguments.isEmpty()) {
      throw new UsageException("`flowc run` needs the files or directories of the model", "usage: " + usage());
    }
    if (!line.hasOption(WORKFLOW)) {
      throw new UsageException("`flowc run` needs the workflow to run: --workflow NAME", "usage: " + usage());
    }
    Instant start = start(line.getOptionValue(START));
    Map<String, Object> input = json(line.getOptionValue(INPUT, "{}"), "--input");
    Map<String, Object> answers = line.hasOption(ANSWERS) ? json("@" + line.getOptionValue(ANSWERS), "--answers") : Map.of();

    Optional<SemanticModel> model = CheckedModel.load(name(), arguments, terminal, usage(), Compiler.Mode.GENERATE,
        "nothing run");
    if (model.isEmpty()) {
      return ExitCode.ERRORS;
    }
    List<FlowModule> modules = compile(model.get());
    WorkflowDefinition<?, ?> workflow = find(modules, line.getOptionValue(WORKFLOW));
    Object inputRecord;
    try {
      inputRecord = Values.convert(input, workflow.inputType());
    } catch (IllegalArgumentException e) {
      throw new UsageException("the --input of " + workflow.simpleName() + " " + e.getMessage(),
          expectedInputs(workflow));
    }

    BufferedReader ask = interactive || line.hasOption(ASK)
        ? new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))
        : null;
    Store store = null;
    if (line.hasOption(JOURNAL)) {
      try {
        store = StoreLocation.open(line.getOptionValue(JOURNAL));
      } catch (StoreException e) {
        terminal.err().println("flowc run: " + e.getMessage());
        return ExitCode.USAGE;
      }
    }
    DryRun dryRun = new DryRun(modules, answers, start, terminal.out(), ask, store);
    WorkflowInstance result;
    try {
      result = dryRun.run(workflow, inputRecord);
      if (line.hasOption(LOG)) {
        writeLog(dryRun.engine(), Path.of(line.getOptionValue(LOG)));
      }
    } catch (DryRun.DryRunException e) {
      terminal.err().println("flowc run: " + e.getMessage());
      return ExitCode.ERRORS;
    } finally {
      if (store != null) {
        store.close();
      }
    }
    return switch (result.state()) {
      case COMPLETED -> ExitCode.OK;
      default -> ExitCode.ERRORS;
    };
  }

  /**
   * What the input of a workflow looks like: {@code DocumentCollection takes {"intake": {…}}: its
   * inputs are intake (IntakeSubmitted)}, so that an event given as it is shows where it belongs.
   */
  static String expectedInputs(WorkflowDefinition<?, ?> workflow) {
    RecordComponent[] components = workflow.inputType().getRecordComponents();
    if (components == null || components.length == 0) {
      return workflow.simpleName() + " has no inputs: give --input '{}' or leave it out";
    }
    List<String> names = new ArrayList<>();
    List<String> described = new ArrayList<>();
    for (RecordComponent c : components) {
      FlowName flowName = c.getAnnotation(FlowName.class);
      String name = flowName == null ? c.getName() : flowName.value();
      names.add("\"" + name + "\": …");
      described.add(name + " (" + c.getType().getSimpleName() + ")");
    }
    return workflow.simpleName() + " takes {" + String.join(", ", names) + "}: its inputs are "
        + String.join(", ", described) + "; an event that starts it goes under its input's name";
  }

  private static Instant start(String value) throws UsageException {
    if (value == null) {
      return Instant.now().truncatedTo(ChronoUnit.MINUTES);
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new UsageException("--start `" + value + "` is not a timestamp", "write it like 2026-11-24T09:00:00Z");
    }
  }

  /** A JSON object from the text, or from the file after {@code @}. */
  static Map<String, Object> json(String value, String option) throws UsageException {
    String text = value;
    String where = option;
    String trimmed = value.strip();
    boolean fileName = !trimmed.isEmpty() && !trimmed.startsWith("{") && !trimmed.startsWith("[") && isFile(trimmed);
    if (value.startsWith("@") || fileName) {
      Path file = Path.of(fileName ? trimmed : value.substring(1));
      where = file.toString();
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UsageException("cannot read " + file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
            : e.getMessage()), "check the path given to " + option);
      }
    }
    ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    try {
      Object parsed = mapper.readValue(text, Object.class);
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new UsageException(where + " must hold a JSON object ({…})", "e.g. " + option + " '{\"name\": \"Acme\"}'");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) map;
      return object;
    } catch (JsonProcessingException e) {
      throw new UsageException(where + " is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"), "fix the JSON given to " + option);
    }
  }

  /** Whether the text names a readable file (so {@code --input intake.json} works as {@code @intake.json}). */
  private static boolean isFile(String text) {
    try {
      return Files.isRegularFile(Path.of(text));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** The model's generated Java, compiled in memory and loaded: its modules. */
  static List<FlowModule> compile(SemanticModel model) throws UsageException {
    SortedMap<String, String> sources = JavaGenerator.generate(model);
    ClassLoader loader;
    try {
      loader = InMemoryJavac.compile(sources, Engine.class);
    } catch (InMemoryJavac.CompileFailure e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return modules(sources, loader);
  }

  /** The generated modules ({@code …Module.INSTANCE}) among the compiled classes. */
  static List<FlowModule> modules(SortedMap<String, String> sources, ClassLoader loader) {
    List<FlowModule> modules = new ArrayList<>();
    for (String path : sources.keySet()) {
      if (!path.endsWith(".java")) {
        continue;
      }
      String className = path.substring(0, path.length() - ".java".length()).replace('/', '.');
      try {
        Class<?> type = Class.forName(className, true, loader);
        if (FlowModule.class.isAssignableFrom(type) && !type.isInterface()) {
          modules.add((FlowModule) type.getField("INSTANCE").get(null));
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot load the generated " + className + ": " + e, e);
      }
    }
    return modules;
  }

  private static WorkflowDefinition<?, ?> find(List<FlowModule> modules, String name) throws UsageException {
    List<WorkflowDefinition<?, ?>> matches = new ArrayList<>();
    TreeSet<String> all = new TreeSet<>();
    for (FlowModule module : modules) {
      for (WorkflowDefinition<?, ?> definition : module.workflows()) {
        all.add(definition.simpleName());
        if (definition.name().equals(name) || definition.simpleName().equals(name)) {
          matches.add(definition);
        }
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      String didYouMean = dev.flow.compiler.diag.Suggestions.didYouMean(name, List.copyOf(all));
      throw new UsageException("no workflow `" + name + "` in the model" + (didYouMean == null ? "" : ": " + didYouMean),
          all.isEmpty() ? "the model has no workflows" : "its workflows: " + String.join(", ", all));
    }
    throw new UsageException("`" + name + "` names " + matches.size() + " workflows in different packages",
        "give its qualified name: " + String.join(", ", matches.stream().map(WorkflowDefinition::name).toList()));
  }

  private static void writeLog(Engine engine, Path file) throws UsageException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        engine.eventLog().writeCsv(writer);
      }
    } catch (IOException e) {
      throw new UsageException("cannot write the event log to " + file + ": " + e.getMessage(), "check the path given to --log");
    }
  }
}
