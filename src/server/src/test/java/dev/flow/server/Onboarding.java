package dev.flow.server;

import dev.flow.compiler.codegen.GeneratedCode;
import dev.flow.runtime.Engine;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.SystemDefinition;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * The onboarding example compiled in memory, on an engine with a manual clock and connectors
 * that answer at once, served on a free port with five users:
 * ann (AccountManager), lee (Legal), olga (OperationsLead, admin), pat (ProjectLead) and
 * hook (no role, may publish events). Every password is the user's name followed by "-pw".
 */
final class Onboarding implements AutoCloseable {
  static final Instant START = Instant.parse("2026-11-24T09:00:00Z");
  private static List<FlowModule> modules;
  private static Users users;

  final ManualClock clock = ManualClock.at(START);
  final Engine engine;
  final FlowServer server;

  Onboarding() {
    this(Map.of());
  }

  Onboarding(Map<String, String> diagrams) {
    this(server -> server.diagrams(diagrams));
  }

  /** With the server's builder set up further by {@code more}. */
  Onboarding(java.util.function.UnaryOperator<FlowServer.Builder> more) {
    Engine.Builder builder = Engine.builder().clock(clock);
    for (FlowModule module : modules()) {
      builder.module(module);
      for (SystemDefinition system : module.systems()) {
        if (!system.actions().isEmpty()) {
          connect(builder, system);
        }
      }
    }
    engine = builder.build();
    server = more.apply(FlowServer.builder(engine).modules(modules()).users(users()).port(0).testClock(clock)).start();
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  static synchronized List<FlowModule> modules() {
    if (modules == null) {
      try (Stream<Path> files = Files.list(Path.of("../../examples/onboarding"))) {
        List<Path> flow = files.filter(p -> p.toString().endsWith(".flow")).sorted().toList();
        SortedMap<String, String> sources = GeneratedCode.generateFrom(flow);
        ClassLoader loader = GeneratedCode.compile(sources);
        List<FlowModule> found = new ArrayList<>();
        for (String path : sources.keySet()) {
          String name = path.substring(0, path.length() - ".java".length()).replace('/', '.');
          Class<?> type = Class.forName(name, true, loader);
          if (FlowModule.class.isAssignableFrom(type) && !type.isInterface()) {
            found.add((FlowModule) type.getField("INSTANCE").get(null));
          }
        }
        modules = List.copyOf(found);
      } catch (IOException | ReflectiveOperationException e) {
        throw new AssertionError("cannot compile the onboarding example: " + e, e);
      }
    }
    return modules;
  }

  /** Each workflow's flowchart as {@code flowc diagram} draws it, by qualified name. */
  static Map<String, String> diagrams() {
    List<dev.flow.compiler.source.SourceFile> files = new ArrayList<>();
    try (Stream<Path> paths = Files.list(Path.of("../../examples/onboarding"))) {
      for (Path p : paths.filter(p -> p.toString().endsWith(".flow")).sorted().toList()) {
        files.add(new dev.flow.compiler.source.SourceFile(p.toString(), Files.readString(p)));
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    dev.flow.compiler.check.SemanticModel model = dev.flow.compiler.Compiler.compile(files,
        dev.flow.compiler.Compiler.Mode.GENERATE).model().orElseThrow();
    Map<String, String> out = new java.util.TreeMap<>();
    dev.flow.compiler.diagram.Diagrams.files(model, new dev.flow.compiler.diagram.Diagrams.Options(false,
        dev.flow.compiler.diagram.Diagrams.Format.MERMAID, false, true)).forEach((path, text) -> {
      if (path.endsWith(".workflow.mmd")) {
        out.put(path.substring(0, path.length() - ".workflow.mmd".length()).replace('/', '.'), text);
      }
    });
    return out;
  }

  static synchronized Users users() {
    if (users == null) {
      String json = "{\"users\": ["
          + user("ann", "\"AccountManager\"", "")
          + "," + user("lee", "\"Legal\"", "")
          + "," + user("olga", "\"OperationsLead\"", ", \"admin\": true")
          + "," + user("pat", "\"ProjectLead\"", "")
          + "," + user("hook", "", ", \"publish\": true")
          + "]}";
      List<String> roles = new ArrayList<>();
      modules().forEach(m -> m.roles().forEach(r -> roles.add(r.name())));
      users = Users.parse(json, "test users", roles);
    }
    return users;
  }

  private static String user(String name, String roles, String extra) {
    return "{\"name\": \"" + name + "\", \"password\": \"" + Users.hash(name + "-pw") + "\", \"roles\": [" + roles + "]"
        + extra + "}";
  }

  private static <S> void connect(Engine.Builder builder, SystemDefinition system) {
    @SuppressWarnings("unchecked")
    Class<S> type = (Class<S>) system.type();
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("hashCode") ? System.identityHashCode(self)
            : method.getName().equals("equals") ? self == args[0] : "test " + system.name();
      }
      Class<?> result = method.getReturnType();
      if (result == String.class) {
        return "https://drive.example/" + method.getName() + "/" + args[0];
      } else if (result == Instant.class) {
        return START.plus(Duration.ofDays(3));
      }
      return null;
    });
    builder.connector(type, type.cast(proxy));
  }

  @Override
  public void close() {
    server.close();
    engine.close();
  }
}
