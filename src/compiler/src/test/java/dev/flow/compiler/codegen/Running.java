package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.source.SourceFile;
import dev.flow.runtime.Engine;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.Principal;
import dev.flow.runtime.SystemDefinition;
import dev.flow.runtime.Task;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.api.Delivery;
import dev.flow.runtime.api.FlowRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * Runs generated workflows: compiles a model from the test resources to Java, compiles that
 * in-process with {@code -Xlint:all -Werror}, loads it, and gives an engine on a manual clock
 * whose connectors record every call and answer from a table (or with the result type's
 * default). Generated types are reached by reflection, as the engine itself does.
 *
 * <p>The behaviour suites ({@link SemanticsTest}, {@link WorkflowPatternsTest}) run through a
 * {@link Backend}: the embedded engine here, Temporal's in-process test server in flow-temporal's
 * tests (which subclass the suites), so that one suite checks both.
 */
final class Running {
  /**
   * Where the generated workflows of a behaviour test run: the embedded engine, or another
   * backend. Every change a test makes through {@link Running} (start, complete, publish,
   * advance) is followed by {@link #settle}, so the test sees the instances where they stand, as
   * the embedded engine shows them at once.
   */
  interface Backend extends AutoCloseable {
    /** The runtime for these modules and connectors, its clock at {@link Running#START} (the engine's is {@code clock}). */
    FlowRuntime build(List<FlowModule> modules, Map<Class<?>, Object> connectors, ManualClock clock);

    /** Moves the clock on, firing what falls due on the way. */
    void advance(Duration duration);

    /** Returns once no instance has anything in flight. */
    void settle();

    @Override
    void close();
  }

  /** The embedded engine on a manual clock: everything happens in the calling thread, nothing to settle. */
  static final class Embedded implements Backend {
    private ManualClock clock;

    @Override
    public FlowRuntime build(List<FlowModule> modules, Map<Class<?>, Object> connectors, ManualClock manual) {
      this.clock = manual;
      Engine.Builder builder = Engine.builder().clock(manual);
      modules.forEach(builder::module);
      connectors.forEach((type, connector) -> connect(builder, type, connector));
      return builder.build();
    }

    private static <S> void connect(Engine.Builder builder, Class<S> type, Object connector) {
      builder.connector(type, type.cast(connector));
    }

    @Override
    public void advance(Duration duration) {
      clock.advance(duration);
    }

    @Override
    public void settle() {
      // The engine has run everything before it returned.
    }

    @Override
    public void close() {
      // Nothing held.
    }
  }

  static final String START = "2026-11-24T09:00:00Z";

  final ManualClock clock = ManualClock.at(START);
  final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
  final Map<String, Function<Object[], Object>> answers = new java.util.concurrent.ConcurrentHashMap<>();
  final List<FlowModule> modules;
  final Principal everyone;
  private final Backend backend;
  private FlowRuntime runtime;

  private Running(List<FlowModule> modules, Backend backend) {
    this.modules = modules;
    this.backend = backend;
    Set<String> roles = new LinkedHashSet<>();
    modules.forEach(m -> m.roles().forEach(r -> roles.add(r.name())));
    this.everyone = new Principal("tester", roles);
  }

  /** The modules of each model compiled so far: a model is compiled once per test run. */
  private static final Map<String, List<FlowModule>> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

  /** Compiles the model under {@code src/test/resources/<resource>} (once) and loads its modules. */
  static Running model(String resource) {
    return model(resource, new Embedded());
  }

  /** The same, run on a backend of the caller's. */
  static Running model(String resource, Backend backend) {
    return new Running(COMPILED.computeIfAbsent(resource, Running::compile), backend);
  }

  private static List<FlowModule> compile(String resource) {
    String text;
    try (InputStream in = Running.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Compilation compilation = Compiler.compile(List.of(new SourceFile(resource, text)), Compiler.Mode.GENERATE);
    // A model may announce the warnings it is written to get (`// warns: W007`); nothing else is allowed.
    List<String> announced = text.lines().filter(l -> l.startsWith("// warns: "))
        .flatMap(l -> java.util.Arrays.stream(l.substring("// warns: ".length()).split(",\\s*"))).toList();
    assertEquals(List.of(), compilation.diagnostics().stream()
        .filter(d -> !announced.contains(d.code().name())).toList(), "the model must check cleanly");
    SortedMap<String, String> sources = JavaGenerator.generate(compilation.model().orElseThrow());
    ClassLoader loader = GeneratedCode.compile(sources);
    List<FlowModule> modules = new ArrayList<>();
    for (String path : sources.keySet()) {
      String className = path.substring(0, path.length() - ".java".length()).replace('/', '.');
      try {
        Class<?> type = Class.forName(className, true, loader);
        if (FlowModule.class.isAssignableFrom(type)) {
          modules.add((FlowModule) type.getField("INSTANCE").get(null));
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    assertFalse(modules.isEmpty(), "a module per package");
    return List.copyOf(modules);
  }

  /** The embedded engine (built on first use, with recording connectors for every system with actions). */
  Engine engine() {
    if (!(backend instanceof Embedded)) {
      throw new IllegalStateException("this test runs on " + backend.getClass().getSimpleName() + ", not the engine");
    }
    return (Engine) runtime();
  }

  /** The runtime of the backend (built on first use, with recording connectors for every system with actions). */
  FlowRuntime runtime() {
    if (runtime == null) {
      Map<Class<?>, Object> connectors = new LinkedHashMap<>();
      for (FlowModule module : modules) {
        for (SystemDefinition system : module.systems()) {
          if (!system.actions().isEmpty()) {
            connectors.put(system.type(), connector(system));
          }
        }
      }
      runtime = backend.build(modules, connectors, clock);
    }
    return runtime;
  }

  /** Lets go of the backend (a Temporal test server). */
  void close() {
    backend.close();
  }

  /** Moves the clock on and waits until the instances stand still. */
  void advance(Duration duration) {
    runtime();
    backend.advance(duration);
    backend.settle();
  }

  /** Waits until the instances stand still after a change made outside {@link Running}. */
  void settle() {
    backend.settle();
  }

  /** Publishes an event and waits until the instances stand still. */
  Delivery publish(Object event) {
    Delivery delivery = runtime().publish(event);
    backend.settle();
    return delivery;
  }

  /** Every instance, oldest first (as {@link Engine#instances()} lists them). */
  List<WorkflowInstance> instances() {
    List<WorkflowInstance> all = new ArrayList<>(runtime().instances(
        new dev.flow.runtime.store.InstanceQuery(null, null, 0, Integer.MAX_VALUE)));
    java.util.Collections.reverse(all);
    return all;
  }

  private Object connector(SystemDefinition system) {
    Class<?> type = system.type();
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("toString") ? "recording " + system.name() : null;
      }
      Object[] arguments = args == null ? new Object[0] : args;
      calls.add(method.getName() + render(arguments));
      Function<Object[], Object> answer = answers.get(method.getName());
      try {
        return answer != null ? answer.apply(arguments) : defaultOf(method);
      } catch (Throws t) {
        throw t.getCause(); // a checked exception the action declares, as a connector throws it
      }
    });
  }

  /** An answer throws a checked exception (a declared error's exception) by wrapping it in this. */
  static final class Throws extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Throws(Exception cause) {
      super(cause);
    }
  }

  /** A call's arguments as the call log writes them: {@code (a, b)}. */
  static String render(Object[] arguments) {
    List<String> parts = new ArrayList<>();
    for (Object argument : arguments) {
      parts.add(String.valueOf(argument));
    }
    return "(" + String.join(", ", parts) + ")";
  }

  private static Object defaultOf(Method method) {
    Class<?> type = method.getReturnType();
    if (type == void.class) {
      return null;
    } else if (type == String.class) {
      return method.getName() + " done";
    } else if (type == long.class || type == Long.class) {
      return 0L;
    } else if (type == BigDecimal.class) {
      return BigDecimal.ZERO;
    } else if (type == boolean.class || type == Boolean.class) {
      return false;
    } else if (type == List.class) {
      return List.of();
    }
    return null;
  }

  /** The workflow with this simple name. */
  WorkflowDefinition<?, ?> workflow(String name) {
    for (FlowModule module : modules) {
      for (WorkflowDefinition<?, ?> definition : module.workflows()) {
        if (definition.simpleName().equals(name)) {
          return definition;
        }
      }
    }
    throw new IllegalArgumentException("no workflow " + name);
  }

  /** Starts a workflow with inputs given as a map (converted as {@code flowc run} converts JSON). */
  String start(String workflow, Map<String, ?> input) {
    WorkflowDefinition<?, ?> definition = workflow(workflow);
    String id = runtime().start(definition.name(), Values.convert(input, definition.inputType()));
    backend.settle();
    return id;
  }

  /** The constant {@code name} of the generated enum {@code enumName}. */
  Object constant(String enumName, String name) {
    try {
      Class<?> type = Class.forName(enumName, true, modules.get(0).getClass().getClassLoader());
      for (Object constant : type.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(name)) {
          return constant;
        }
      }
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalArgumentException(name);
  }

  /** A generated declared error's exception, made from its one field, as a connector throws it. */
  RuntimeException raise(String className, Object field) {
    try {
      Class<?> type = Class.forName(className + "Exception", true, modules.get(0).getClass().getClassLoader());
      for (java.lang.reflect.Constructor<?> c : type.getConstructors()) {
        if (c.getParameterCount() == 1 && !c.getParameterTypes()[0].isRecord()) {
          return new Throws((dev.flow.runtime.DeclaredError) c.newInstance(field));
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no field constructor of " + className);
  }

  /** Starts a workflow on an engine of one's own (a restart test's), inputs converted as {@link #start} does. */
  String start(Engine engine, String workflow, Map<String, ?> input) {
    WorkflowDefinition<?, ?> definition = workflow(workflow);
    return engine.start(definition.name(), Values.convert(input, definition.inputType()));
  }

  /** The outputs of an instance completed on an engine of one's own, by name. */
  static Map<String, Object> output(Engine engine, String id) {
    WorkflowInstance instance = engine.instance(id);
    assertEquals(InstanceState.COMPLETED, instance.state(), () -> id + ": " + instance.error() + instance.cancelReason());
    return fields(instance.output().orElseThrow());
  }

  /** The open tasks of an instance on an engine of one's own. */
  static List<Task> open(Engine engine, String id) {
    return engine.inbox().forInstance(id).stream().filter(Task::isOpen).toList();
  }

  /** Makes an event record of the model from its fields. */
  Object event(String simpleName, Map<String, ?> fields) {
    for (FlowModule module : modules) {
      String className = module.packageName() + "." + simpleName;
      try {
        Class<?> type = Class.forName(className, true, module.getClass().getClassLoader());
        return Values.convert(fields, type);
      } catch (ClassNotFoundException e) {
        // try the next package
      }
    }
    throw new IllegalArgumentException("no record " + simpleName);
  }

  WorkflowInstance instance(String id) {
    return runtime().instance(id);
  }

  InstanceState state(String id) {
    return instance(id).state();
  }

  /** The outputs of a completed instance, by name. */
  Map<String, Object> output(String id) {
    WorkflowInstance instance = instance(id);
    assertEquals(InstanceState.COMPLETED, instance.state(), () -> "instance " + id + ": " + instance.error()
        + instance.cancelReason());
    return fields(instance.output().orElseThrow());
  }

  static Map<String, Object> fields(Object record) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      try {
        fields.put(component.getName(), component.getAccessor().invoke(record));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return fields;
  }

  /** Completes the open task of a step with a form. */
  void complete(String id, String step, Map<String, ?> form) {
    runtime().inbox().complete(runtime().inbox().task(id, step).id(), everyone, form);
    backend.settle();
  }

  /** Completes the open task of a step as {@code who} (with every role). */
  void completeAs(String id, String step, String who, Map<String, ?> form) {
    runtime().inbox().complete(runtime().inbox().task(id, step).id(), as(who), form);
    backend.settle();
  }

  /** Claims the open task of a step for {@code who} (with every role). */
  void claim(String id, String step, String who) {
    runtime().inbox().claim(runtime().inbox().task(id, step).id(), as(who));
    backend.settle();
  }

  /** Releases {@code who}'s claim of the open task of a step. */
  void release(String id, String step, String who) {
    runtime().inbox().release(runtime().inbox().task(id, step).id(), as(who));
    backend.settle();
  }

  /** Someone with every role of the modules. */
  Principal as(String who) {
    return new Principal(who, everyone.roles());
  }

  void approve(String id, String step, boolean approved) {
    String taskId = runtime().inbox().task(id, step).id();
    if (approved) {
      runtime().inbox().approve(taskId, everyone, null);
    } else {
      runtime().inbox().reject(taskId, everyone, "no");
    }
    backend.settle();
  }

  /** What a connector of {@link #journalEngine} does when one of its actions is called. */
  interface Answer {
    Object answer(Method action, Object[] arguments) throws Throwable;
  }

  /**
   * An engine on the file journal {@code journal}, with this run's modules and clock, and for each
   * system a connector that answers with {@code answer} and shows as {@code name}: for tests that
   * close an engine and open the next one on the same journal.
   */
  Engine journalEngine(Path journal, String name, Answer answer) {
    return engine(Engine.builder().clock(clock).journal(journal), name, answer);
  }

  /** An engine made by {@code builder} with this run's modules and {@link #journalEngine}'s connectors. */
  Engine engine(Engine.Builder builder, String name, Answer answer) {
    for (FlowModule module : modules) {
      builder.module(module);
      for (SystemDefinition system : module.systems()) {
        connectTo(builder, system.type(), name, answer);
      }
    }
    return builder.build();
  }

  private static <S> void connectTo(Engine.Builder builder, Class<S> type, String name, Answer answer) {
    Object connector = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("toString") ? name : null;
      }
      return answer.answer(method, args);
    });
    builder.connector(type, type.cast(connector));
  }

  /** The steps of an instance's open tasks, in the inbox's order. */
  List<String> openSteps(String id) {
    return runtime().inbox().forInstance(id).stream().map(Task::step).toList();
  }

  /** The status of the latest task of an instance's step. */
  Task.Status taskStatus(String id, String step) {
    return runtime().inbox().all().stream().filter(t -> t.instanceId().equals(id) && t.step().equals(step))
        .reduce((a, b) -> b).orElseThrow().status();
  }

  /** The types and step ids of an instance's history, e.g. {@code TASK_COMPLETED fill}. */
  List<String> history(String id) {
    return instance(id).history().stream().map(e -> e.type() + " " + e.stepId()).toList();
  }

  long count(String id, HistoryEvent.Type type) {
    return instance(id).history().stream().filter(e -> e.type() == type).count();
  }
}
