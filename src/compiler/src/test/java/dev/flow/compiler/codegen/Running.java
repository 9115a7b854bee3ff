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
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
 */
final class Running {
  static final String START = "2026-11-24T09:00:00Z";

  final ManualClock clock = ManualClock.at(START);
  final List<String> calls = new ArrayList<>();
  final Map<String, Function<Object[], Object>> answers = new HashMap<>();
  final List<FlowModule> modules;
  final Principal everyone;
  private Engine engine;

  private Running(List<FlowModule> modules) {
    this.modules = modules;
    Set<String> roles = new LinkedHashSet<>();
    modules.forEach(m -> m.roles().forEach(r -> roles.add(r.name())));
    this.everyone = new Principal("tester", roles);
  }

  /** The modules of each model compiled so far: a model is compiled once per test run. */
  private static final Map<String, List<FlowModule>> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

  /** Compiles the model under {@code src/test/resources/<resource>} (once) and loads its modules. */
  static Running model(String resource) {
    return new Running(COMPILED.computeIfAbsent(resource, Running::compile));
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
    assertEquals(List.of(), compilation.diagnostics(), "the model must check cleanly");
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

  /** The engine (built on first use, with recording connectors for every system with actions). */
  Engine engine() {
    if (engine == null) {
      Engine.Builder builder = Engine.builder().clock(clock);
      for (FlowModule module : modules) {
        builder.module(module);
        for (SystemDefinition system : module.systems()) {
          if (!system.actions().isEmpty()) {
            connect(builder, system);
          }
        }
      }
      engine = builder.build();
    }
    return engine;
  }

  private <S> void connect(Engine.Builder builder, SystemDefinition system) {
    @SuppressWarnings("unchecked")
    Class<S> type = (Class<S>) system.type();
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
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
    builder.connector(type, type.cast(proxy));
  }

  /** An answer throws a checked exception (a declared error's exception) by wrapping it in this. */
  static final class Throws extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Throws(Exception cause) {
      super(cause);
    }
  }

  private static String render(Object[] arguments) {
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
    return engine().start(definition.name(), Values.convert(input, definition.inputType()));
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
    return engine().instance(id);
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
    engine().inbox().complete(engine().inbox().task(id, step).id(), everyone, form);
  }

  void approve(String id, String step, boolean approved) {
    String taskId = engine().inbox().task(id, step).id();
    if (approved) {
      engine().inbox().approve(taskId, everyone, null);
    } else {
      engine().inbox().reject(taskId, everyone, "no");
    }
  }

  /** The types and step ids of an instance's history, e.g. {@code TASK_COMPLETED fill}. */
  List<String> history(String id) {
    return instance(id).history().stream().map(e -> e.type() + " " + e.stepId()).toList();
  }

  long count(String id, HistoryEvent.Type type) {
    return instance(id).history().stream().filter(e -> e.type() == type).count();
  }
}
