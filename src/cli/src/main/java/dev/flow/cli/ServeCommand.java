package dev.flow.cli;

import dev.flow.compiler.Compiler;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.codegen.JavaGenerator;
import dev.flow.compiler.diagram.Diagrams;
import dev.flow.runtime.Engine;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.SystemDefinition;
import dev.flow.runtime.store.JournalStore;
import dev.flow.runtime.store.Store;
import dev.flow.runtime.store.StoreException;
import dev.flow.server.FlowServer;
import dev.flow.server.OperatorDesk;
import dev.flow.server.Users;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code flowc serve MODEL_DIRS}: compiles the model in memory and serves it with the Flow server
 * on a file journal, so that a team can walk through its processes in a browser before writing
 * any Java. Every system step becomes an operator task: the action and its arguments are shown
 * and a person types in the result.
 */
final class ServeCommand implements Command {
  private static final String DATA = "data";
  private static final String PORT = "port";
  private static final String HOST = "host";
  private static final String USERS = "users";
  private static final String HASH = "hash-password";
  private static final String TEST_CLOCK = "test-clock";
  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

  private final InputStream stdin;
  /** Counted down to stop a server started by a test; a real run stops with Ctrl+C. */
  private final CountDownLatch stop;

  ServeCommand() {
    this(System.in, new CountDownLatch(1));
  }

  ServeCommand(InputStream stdin, CountDownLatch stop) {
    this.stdin = stdin;
    this.stop = stop;
  }

  @Override
  public String name() {
    return "serve";
  }

  @Override
  public String summary() {
    return "serve the model in a browser: inbox, forms, cases, processes, and a JSON API";
  }

  @Override
  public String usage() {
    return "flowc serve [options] FILES|DIRS...";
  }

  @Override
  public String description() {
    return "Checks the files, compiles them in memory and serves them with the Flow server: people sign in,"
        + " do their tasks in an inbox with forms, start workflows, follow every case and see each process's"
        + " measures; other tools use the JSON API (/api/openapi.json). The cases are kept in a file journal in"
        + " --data, so a restart goes on where it stopped.\n\n"
        + "No connector is needed: each system step becomes a task on the Systems page for the workflow's owner"
        + " (and admins), showing the action and its arguments and asking for the result.\n\n"
        + "Users come from --users, a JSON file: {\"users\": [{\"name\": \"ann\", \"password\": BCRYPT-HASH,"
        + " \"roles\": [\"AccountManager\"]}, {\"name\": \"ops\", \"password\": …, \"roles\": [], \"admin\": true}]};"
        + " make a hash with `flowc serve --hash-password` (it reads the password from the input). Without"
        + " --users, the first start makes DATA/users.json with one user per role and an admin, and prints"
        + " their passwords once.";
  }

  @Override
  public String exitCodes() {
    return "Exit codes: 0 stopped; 1 errors in the sources; 2 bad usage, a bad users file, a port in use or an"
        + " unusable data directory.\n";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder().longOpt(DATA).hasArg().argName("DIR")
            .desc("where the cases are kept (default ./.flow-data)").get())
        .addOption(Option.builder("p").longOpt(PORT).hasArg().argName("N").desc("the port (default 8080)").get())
        .addOption(Option.builder().longOpt(HOST).hasArg().argName("ADDRESS")
            .desc("the address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)").get())
        .addOption(Option.builder("u").longOpt(USERS).hasArg().argName("FILE")
            .desc("the users file (default: DATA/users.json, made on the first start)").get())
        .addOption(Option.builder().longOpt(HASH)
            .desc("print the BCrypt hash of the password read from the input, for a users file, and exit").get())
        .addOption(Option.builder().longOpt(TEST_CLOCK).hasArg().argName("TIMESTAMP")
            .desc("for tests: run on a manual clock starting at TIMESTAMP that an admin moves forward with"
                + " POST /api/clock").get());
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    if (line.hasOption(HASH)) {
      return hashPassword(terminal);
    }
    List<String> arguments = line.getArgList();
    if (arguments.isEmpty()) {
      throw new UsageException("`flowc serve` needs the files or directories of the model", "usage: " + usage());
    }
    int port = port(line.getOptionValue(PORT, "8080"));
    Path data = Path.of(line.getOptionValue(DATA, ".flow-data"));
    ManualClock manual = line.hasOption(TEST_CLOCK) ? ManualClock.at(timestamp(line.getOptionValue(TEST_CLOCK))) : null;

    Optional<SemanticModel> model = CheckedModel.load(name(), arguments, terminal, usage(), Compiler.Mode.GENERATE,
        "nothing served");
    if (model.isEmpty()) {
      return ExitCode.ERRORS;
    }
    SortedMap<String, String> sources = JavaGenerator.generate(model.get());
    ClassLoader loader;
    try {
      loader = InMemoryJavac.compile(sources, Engine.class);
    } catch (InMemoryJavac.CompileFailure e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    List<FlowModule> modules = RunCommand.modules(sources, loader);
    List<String> roles = new ArrayList<>();
    modules.forEach(m -> m.roles().forEach(r -> roles.add(r.name())));

    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      terminal.err().println("flowc serve: cannot make the data directory " + data + ": " + e.getMessage());
      return ExitCode.USAGE;
    }
    Users users;
    try {
      users = users(line.getOptionValue(USERS), data, roles, terminal);
    } catch (Users.UsersException e) {
      terminal.err().println("flowc serve: " + e.getMessage());
      return ExitCode.USAGE;
    }
    Store store;
    try {
      store = JournalStore.open(data.resolve("journal"));
    } catch (StoreException e) {
      terminal.err().println("flowc serve: " + e.getMessage());
      return ExitCode.USAGE;
    }
    Clock clock = manual == null ? Clock.systemUTC() : manual;
    OperatorDesk desk = new OperatorDesk(clock);
    ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "flow-serve-action");
      thread.setDaemon(true);
      return thread;
    });
    Engine.Builder builder = Engine.builder().store(store).clock(clock).executor(calls);
    for (FlowModule module : modules) {
      builder.module(module);
      for (SystemDefinition system : module.systems()) {
        if (!system.actions().isEmpty()) {
          connect(builder, desk, system);
        }
      }
    }
    Engine engine = builder.build();
    engine.recover();
    FlowServer.Builder server = FlowServer.builder(engine).modules(modules).users(users).port(port)
        .host(line.getOptionValue(HOST, "127.0.0.1")).diagrams(diagrams(model.get())).operator(desk);
    if (manual != null) {
      server.testClock(manual);
    }
    FlowServer running;
    try {
      running = server.start();
    } catch (FlowServer.StartException e) {
      engine.close();
      store.close();
      terminal.err().println("flowc serve: " + e.getMessage());
      return ExitCode.USAGE;
    }
    int workflows = modules.stream().mapToInt(m -> m.workflows().size()).sum();
    terminal.out().println("flowc serve: " + workflows + (workflows == 1 ? " workflow" : " workflows") + " on http://"
        + line.getOptionValue(HOST, "127.0.0.1") + ":" + running.port() + "/ (cases kept in " + data.resolve("journal")
        + (manual == null ? "" : "; test clock at " + manual.instant()) + "); Ctrl+C stops");
    terminal.out().flush();
    Thread hook = new Thread(stop::countDown, "flow-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      running.close();
      engine.close();
      store.close();
      calls.shutdownNow();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already: the hook is running
      }
    }
    return ExitCode.OK;
  }

  private static <S> void connect(Engine.Builder builder, OperatorDesk desk, SystemDefinition system) {
    @SuppressWarnings("unchecked")
    Class<S> type = (Class<S>) system.type();
    builder.connector(type, desk.connector(type, system.name()));
  }

  /**
   * Each workflow's flowchart, by qualified name, as {@code flowc diagram --whole} draws it: the
   * live page marks every step, so the chart is never split into an overview and parts.
   */
  private static Map<String, String> diagrams(SemanticModel model) {
    Map<String, String> out = new LinkedHashMap<>();
    Diagrams.Options whole = new Diagrams.Options(false, Diagrams.Format.MERMAID, false, true);
    for (Map.Entry<String, String> file : Diagrams.files(model, whole).entrySet()) {
      String path = file.getKey();
      if (path.endsWith(".workflow.mmd")) {
        String name = path.substring(0, path.length() - ".workflow.mmd".length()).replace('/', '.');
        out.put(name, file.getValue());
      }
    }
    return out;
  }

  private Users users(String given, Path data, List<String> roles, Terminal terminal) {
    if (given != null) {
      return Users.read(Path.of(given), roles);
    }
    Path file = data.resolve("users.json");
    if (Files.exists(file)) {
      terminal.out().println("flowc serve: users from " + file + " (delete it to make new users and passwords)");
      return Users.read(file, roles);
    }
    SecureRandom random = new SecureRandom();
    StringBuilder json = new StringBuilder("{\"users\": [\n");
    List<String> shown = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String role : roles) {
      names.add(role);
    }
    names.add(null);
    for (String role : names) {
      String simple = role == null ? "admin" : role.substring(role.lastIndexOf('.') + 1);
      String user = simple.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
      StringBuilder password = new StringBuilder();
      for (int i = 0; i < 12; i++) {
        password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      json.append(shown.isEmpty() ? "" : ",\n").append("  {\"name\": \"").append(user).append("\", \"password\": \"")
          .append(Users.hash(password.toString())).append("\", \"roles\": [")
          .append(role == null ? "" : "\"" + role + "\"").append("]").append(role == null ? ", \"admin\": true" : "")
          .append("}");
      shown.add(String.format("  %-20s %s  %s", user, password, role == null ? "admin: every case, events, systems"
          : simple));
    }
    json.append("\n]}\n");
    try {
      Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Users.UsersException("cannot write " + file + ": " + e.getMessage());
    }
    terminal.out().println("flowc serve: made " + file + " with one user per role; their passwords (shown only now):");
    shown.forEach(terminal.out()::println);
    return Users.read(file, roles);
  }

  private int hashPassword(Terminal terminal) throws UsageException {
    String password;
    if (System.console() != null && stdin == System.in) {
      char[] typed = System.console().readPassword("password: ");
      password = typed == null ? null : new String(typed);
    } else {
      try {
        password = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        password = null;
      }
    }
    if (password == null || password.isEmpty()) {
      throw new UsageException("`flowc serve --hash-password` reads a password from the input and got none",
          "e.g. echo 'a long password' | flowc serve --hash-password");
    }
    terminal.out().println(Users.hash(password));
    return ExitCode.OK;
  }

  private static int port(String value) throws UsageException {
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new UsageException("--port `" + value + "` is not a port", "give a number from 1 to 65535 (0: any free port)");
  }

  private static Instant timestamp(String value) throws UsageException {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new UsageException("--test-clock `" + value + "` is not a timestamp", "write it like 2026-11-24T09:00:00Z");
    }
  }
}
