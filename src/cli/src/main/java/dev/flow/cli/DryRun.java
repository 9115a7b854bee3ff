package dev.flow.cli;

import dev.flow.runtime.Engine;
import dev.flow.runtime.EngineListener;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.FormField;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.Notification;
import dev.flow.runtime.Principal;
import dev.flow.runtime.ReceiveStep;
import dev.flow.runtime.Step;
import dev.flow.runtime.SystemDefinition;
import dev.flow.runtime.Task;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.InstanceQuery;
import dev.flow.runtime.store.InstanceRow;
import dev.flow.runtime.store.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one workflow on the runtime without any real system or person: system steps are
 * answered from the answers file (by step name, or by {@code System.action}) or with a default
 * value of their type; human steps from the answers file, at the terminal, or with defaults
 * (approvals approve); events for {@code receive} from the answers file; time passes at once.
 * Prints a trace of what happened.
 */
final class DryRun {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final int MAX_ROUNDS = 10_000;

  private final List<FlowModule> modules;
  private final Map<String, Object> answers;
  private final Map<String, Integer> used = new HashMap<>();
  private final PrintStream out;
  private final BufferedReader ask;
  private final ManualClock clock;
  private final Principal everyone;
  private Engine engine;
  private final Store store;
  /** Where the answer of the task being completed came from, for the trace. */
  private String answerSource = "";

  /**
   * @param ask where to ask for human steps without an answer, or {@code null} to use defaults
   */
  DryRun(List<FlowModule> modules, Map<String, Object> answers, Instant start, PrintStream out, BufferedReader ask) {
    this(modules, answers, start, out, ask, null);
  }

  /**
   * @param ask where to ask for human steps without an answer, or {@code null} to use defaults
   * @param store where to keep the run (a journal, to resume it later), or {@code null} for memory
   */
  DryRun(List<FlowModule> modules, Map<String, Object> answers, Instant start, PrintStream out, BufferedReader ask,
      Store store) {
    this.modules = modules;
    this.answers = answers;
    this.out = out;
    this.ask = ask;
    this.store = store;
    this.clock = ManualClock.at(store == null ? start : latest(store, start));
    Set<String> roles = new LinkedHashSet<>();
    modules.forEach(m -> m.roles().forEach(r -> roles.add(r.name())));
    this.everyone = new Principal("dry-run", roles);
  }

  /** The time of the last thing that happened in a kept run, if later than {@code start}: a resumed run goes on from there. */
  private static Instant latest(Store store, Instant start) {
    Instant latest = start;
    for (InstanceRow row : store.instances(InstanceQuery.newest(Integer.MAX_VALUE))) {
      List<Recorded> history = store.read(row.id());
      if (!history.isEmpty() && history.get(history.size() - 1).at().isAfter(latest)) {
        latest = history.get(history.size() - 1).at();
      }
    }
    return latest;
  }

  /** Runs the workflow to its end (or until nothing more can happen); returns the root instance. */
  WorkflowInstance run(WorkflowDefinition<?, ?> workflow, Object input) {
    Engine.Builder builder = Engine.builder().clock(clock).withoutSchedules().listener(new Trace());
    if (store != null) {
      builder.store(store);
    }
    for (FlowModule module : modules) {
      builder.module(module);
      for (SystemDefinition system : module.systems()) {
        if (!system.actions().isEmpty()) {
          connect(builder, system);
        }
      }
    }
    engine = builder.build();
    String id = null;
    if (store != null) {
      for (String resumed : engine.recover()) {
        WorkflowInstance instance = engine.instance(resumed);
        if (instance.workflow().equals(workflow.name()) && instance.parentId() == null && id == null) {
          id = resumed;
          out.println("resuming " + id + " (kept in the journal; its input is the one it started with)");
        }
      }
    }
    if (id == null) {
      id = engine.start(workflow.name(), input);
    }
    for (int round = 0; round < MAX_ROUNDS && !engine.instance(id).state().isTerminal(); round++) {
      if (!step()) {
        break;
      }
    }
    WorkflowInstance root = engine.instance(id);
    List<WorkflowInstance> waiting = engine.instances().stream().filter(i -> !i.state().isTerminal()).toList();
    if (!waiting.isEmpty()) {
      out.println(root.state().isTerminal()
          ? "stopped: " + id + " ended, but " + waiting.size()
              + (waiting.size() == 1 ? " instance it started waits" : " instances it started wait")
              + " and nothing more can happen:"
          : "stopped: " + id + " waits and nothing more can happen:");
      for (WorkflowInstance instance : waiting) {
        for (WorkflowInstance.Wait wait : instance.waits()) {
          out.println("  " + instance.id() + " waits for " + wait.kind() + " `" + wait.step() + "`"
              + (wait.kind().equals("receive") ? " (give the event in --answers as \"" + wait.step() + "\": {…})"
                  : wait.kind().equals("task") || wait.kind().equals("approval")
                      ? " (answer it in --answers as \"" + wait.step() + "\": {…}, or with --ask)"
                  : wait.kind().equals("incident")
                      ? ": its retries are exhausted (" + wait.detail() + "); an operator retries or fails it"
                          + " (flowc serve's operator desk, or FlowRuntime.retryIncident / failIncident)" : ""));
        }
      }
    }
    return root;
  }

  Engine engine() {
    return engine;
  }

  /** Does the next thing: a task, an event, or time passing. Returns false when nothing can happen. */
  private boolean step() {
    List<Task> open = engine.inbox().open();
    if (!open.isEmpty()) {
      answer(open.get(0));
      return true;
    }
    for (WorkflowInstance instance : engine.instances()) {
      for (WorkflowInstance.Wait wait : instance.waits()) {
        if (wait.kind().equals("receive") && answers.containsKey(wait.step())) {
          Optional<Object> event = eventFor(instance, wait);
          if (event.isPresent()) {
            engine.publish(event.get());
            return true;
          }
        }
      }
    }
    Optional<Instant> next = engine.nextTimer();
    if (next.isPresent()) {
      clock.advanceTo(next.get().isAfter(clock.instant()) ? next.get() : clock.instant());
      return true;
    }
    return false;
  }

  private Optional<Object> eventFor(WorkflowInstance instance, WorkflowInstance.Wait wait) {
    WorkflowDefinition<?, ?> definition = definition(instance.workflow());
    Optional<Step> step = definition.step(wait.step());
    if (step.isEmpty() || !(step.get() instanceof ReceiveStep<?> receive)) {
      return Optional.empty();
    }
    String key = wait.step();
    Object raw = next(key, false);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Values.convert(raw, receive.event()));
    } catch (IllegalArgumentException e) {
      throw new DryRunException("the answer for receive `" + key + "` " + e.getMessage());
    }
  }

  private void answer(Task task) {
    Object given = next(task.step(), false);
    Map<String, Object> form = new LinkedHashMap<>();
    String source;
    String by = null;
    if (given != null) {
      source = "from answers";
      if (task.kind().equals("approval") && given instanceof Boolean approved) {
        form.put("approved", approved);
      } else if (given instanceof Map<?, ?> map) {
        map.forEach((k, v) -> form.put(String.valueOf(k), v));
        Object completedBy = form.remove("completedBy");
        by = completedBy == null ? null : String.valueOf(completedBy);
      } else {
        throw new DryRunException("the answer for " + task.kind() + " `" + task.step() + "` must be "
            + (task.kind().equals("approval")
                ? "true, false or {\"approved\": …, \"comment\": …}"
                : "an object of its fields"));
      }
    } else if (ask != null) {
      source = "at the terminal";
      askFor(task, form);
    } else {
      source = "default";
      for (FormField field : task.fields()) {
        if (!field.optional()) {
          form.put(field.name(), defaultValue(field.type() == List.class ? List.class : field.type(), field.elementType()));
        }
      }
      if (task.kind().equals("approval")) {
        form.put("approved", true);
      }
    }
    try {
      answerSource = source;
      engine.inbox().complete(task.id(), actor(task, by), form);
    } catch (dev.flow.runtime.FormException e) {
      throw new DryRunException("the answer for " + task.kind() + " `" + task.step() + "` was rejected: "
          + String.join("; ", e.problems()));
    } catch (dev.flow.runtime.TaskException e) {
      throw new DryRunException("the answer for " + task.kind() + " `" + task.step() + "` was refused: " + e.getMessage());
    }
  }

  /**
   * Who completes a task in a dry run: the person the answer names ({@code "completedBy"}), else
   * the one it is assigned to, else {@code dry-run} (or {@code dry-run-2}, … when the step excludes
   * that name: {@code not by}); they hold every role.
   */
  private Principal actor(Task task, String by) {
    String name = by != null ? by : task.assignee();
    if (name == null) {
      name = everyone.name();
      for (int n = 2; task.excluded().contains(name); n++) {
        name = everyone.name() + "-" + n;
      }
    }
    return new Principal(name, everyone.roles());
  }

  private void askFor(Task task, Map<String, Object> form) {
    out.println("  " + task.kind() + " `" + task.step() + "` for " + simple(task.role())
        + (task.doc().isEmpty() ? "" : ": " + task.doc()));
    for (FormField field : task.fields()) {
      while (true) {
        out.print("    " + field.name() + " (" + field.flowType() + "): ");
        out.flush();
        String line;
        try {
          line = ask.readLine();
        } catch (IOException e) {
          throw new DryRunException("cannot read the terminal: " + e.getMessage());
        }
        if (line == null) {
          throw new DryRunException("the terminal closed while " + task.step() + " asked for " + field.name());
        }
        line = line.strip();
        if (line.isEmpty() && field.optional()) {
          break;
        }
        try {
          form.put(field.name(), Values.convert(line, field.type(), field.elementType()));
          break;
        } catch (IllegalArgumentException e) {
          out.println("    " + field.name() + " " + e.getMessage() + "; try again");
        }
      }
    }
  }

  /** The next answer for a key: a list gives one item per occurrence (its last item after that). */
  private Object next(String key, boolean valueIsList) {
    if (!answers.containsKey(key)) {
      return null;
    }
    Object answer = answers.get(key);
    if (answer instanceof List<?> list && !valueIsList) {
      if (list.isEmpty()) {
        return null;
      }
      int index = used.merge(key, 1, Integer::sum) - 1;
      return list.get(Math.min(index, list.size() - 1));
    }
    return answer;
  }

  private WorkflowDefinition<?, ?> definition(String name) {
    for (FlowModule module : modules) {
      for (WorkflowDefinition<?, ?> definition : module.workflows()) {
        if (definition.name().equals(name)) {
          return definition;
        }
      }
    }
    throw new IllegalStateException("no workflow " + name);
  }

  // ---- connectors that answer ----------------------------------------------------------------

  private <S> void connect(Engine.Builder builder, SystemDefinition system) {
    @SuppressWarnings("unchecked")
    Class<S> type = (Class<S>) system.type();
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "toString" -> "dry-run " + system.name();
          case "hashCode" -> System.identityHashCode(self);
          case "equals" -> self == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        };
      }
      return answerCall(system, method, args == null ? new Object[0] : args);
    });
    builder.connector(type, type.cast(proxy));
  }

  private Object answerCall(SystemDefinition system, Method method, Object[] args) {
    dev.flow.runtime.ActionContext context = dev.flow.runtime.ActionContext.current();
    String step = context.step();
    boolean undo = context.idempotencyKey().contains("/compensate:");
    StringBuilder call = new StringBuilder(simple(system.name())).append('.').append(method.getName()).append('(');
    Parameter[] parameters = method.getParameters();
    for (int i = 0; i < args.length; i++) {
      call.append(i == 0 ? "" : ", ").append(parameters[i].getName()).append(": ").append(show(args[i]));
    }
    call.append(')');
    Type result = method.getGenericReturnType();
    boolean isList = result instanceof ParameterizedType p && p.getRawType() == List.class;
    String source = "from answers";
    Object raw = undo ? null : next(step, isList);
    if (raw == null) {
      raw = next(simple(system.name()) + "." + method.getName(), isList);
    }
    if (raw instanceof Map<?, ?> map && map.size() == 1 && map.containsKey(FAIL)) {
      // {"$fail": "why"}: this attempt fails, as a connector that throws would.
      String why = String.valueOf(map.get(FAIL));
      out.println("  " + time() + "  step " + step + " by " + call + " fails: " + why + " (from answers)");
      throw new AnsweredFailure(why);
    }
    Object value;
    if (method.getReturnType() == void.class) {
      value = null;
      source = "";
    } else if (raw == null) {
      value = defaultValue(result);
      source = "default";
    } else {
      try {
        value = Values.convert(raw, result);
      } catch (IllegalArgumentException e) {
        throw new DryRunException("the answer for step `" + step + "` " + e.getMessage());
      }
    }
    out.println("  " + time() + "  " + (undo ? "undo " : "step ") + step + " by " + call
        + (method.getReturnType() == void.class ? "" : " -> " + show(value) + " (" + source + ")"));
    return value;
  }

  private Object defaultValue(Type type) {
    if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
      return List.of();
    }
    return type instanceof Class<?> c ? defaultValue(c, null) : null;
  }

  /** A plausible value of a type: empty text, zero, false, today, the first constant, a record of defaults. */
  private Object defaultValue(Class<?> type, Class<?> elementType) {
    if (type == List.class) {
      return List.of();
    } else if (type.isRecord()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (RecordComponent component : type.getRecordComponents()) {
        fields.put(component.getName(), defaultValue(component.getGenericType()));
      }
      return Values.convert(fields, type);
    }
    return plainDefault(type, clock.instant());
  }

  /**
   * A plausible value of a plain type (not a list or record): empty text, zero, false, the day or
   * time of {@code now}, no time, the first constant; {@code null} for any other.
   */
  static Object plainDefault(Class<?> type, Instant now) {
    if (type == String.class) {
      return "";
    } else if (type == long.class || type == Long.class) {
      return 0L;
    } else if (type == boolean.class || type == Boolean.class) {
      return false;
    } else if (type == BigDecimal.class) {
      return BigDecimal.ZERO;
    } else if (type == LocalDate.class) {
      return LocalDate.ofInstant(now, ZoneOffset.UTC);
    } else if (type == Instant.class) {
      return now;
    } else if (type == Duration.class) {
      return Duration.ZERO;
    } else if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    return null;
  }

  // ---- the trace -------------------------------------------------------------------------------

  private String time() {
    return TIME.format(clock.instant());
  }

  private static String simple(String qualified) {
    return qualified == null ? "" : qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  /** A value as Flow would write it: text quoted, records as {@code {field: value}}. */
  static String show(Object value) {
    if (value == null) {
      return "none";
    } else if (value instanceof String text) {
      return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    } else if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    } else if (value instanceof Duration duration) {
      return dev.flow.runtime.Expressions.text(duration);
    } else if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(item -> items.add(show(item)));
      return "[" + String.join(", ", items) + "]";
    } else if (value instanceof Record record) {
      List<String> fields = new ArrayList<>();
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        try {
          fields.add(component.getName() + ": " + show(component.getAccessor().invoke(record)));
        } catch (ReflectiveOperationException e) {
          fields.add(component.getName() + ": ?");
        }
      }
      return "{" + String.join(", ", fields) + "}";
    }
    return value.toString();
  }

  /** Prints the history as it grows. */
  private final class Trace implements EngineListener {
    @Override
    public void onHistory(String instanceId, HistoryEvent event) {
      String line = describe(instanceId, event);
      if (line != null) {
        out.println("  " + time() + "  " + line);
      }
    }

    @Override
    public void onNotification(Notification notification) {
      out.println("  " + time() + "  notify " + notice(notification));
    }

    private String describe(String instanceId, HistoryEvent event) {
      String step = event.step();
      return switch (event.type()) {
        case INSTANCE_STARTED -> "start " + instanceId + " (" + event.detail().replaceFirst("^.*\\.", "") + ") with "
            + show(event.value());
        case INSTANCE_ENDED -> "end " + instanceId + ": " + event.detail()
            + (event.value() == null ? "" : " with " + show(event.value()));
        case ATTEMPT_FAILED -> "step " + step + " " + event.detail();
        case ACTION_FAILED -> "step " + step + " failed: " + event.detail();
        case TASK_CREATED -> event.detail().replaceFirst(" by (.*)$", "") + " " + step + " for "
            + java.util.Arrays.stream(event.detail().replaceFirst("^\\S+ by ", "").split(" or "))
                .map(DryRun::simple).collect(java.util.stream.Collectors.joining(" or ")) + " (in the inbox)";
        case TASK_COMPLETED -> step + " done by " + event.detail() + ": " + show(event.value()) + " (" + answerSource + ")";
        case BREACHED -> step + ": " + event.detail();
        case TIMER_SET -> event.stepId().contains("~") ? null : "wait until " + TIME.format((Instant) event.value());
        case TIMER_FIRED -> event.stepId().contains("~") ? null : "waited";
        case RECEIVE_WAITING -> "receive " + step + ": waiting for " + event.detail();
        case EVENT_RECEIVED -> "receive " + step + ": got " + show(event.value());
        case RECEIVE_TIMED_OUT -> "receive " + step + ": timed out";
        case CHILD_STARTED -> (step.equals("start") ? "start " : "call " + step + ": started ") + event.detail();
        case CHILD_COMPLETED -> "call " + step + ": " + (event.detail().isEmpty() ? "" : event.detail() + " ")
            + "completed with " + show(event.value());
        case CHILD_FAILED -> "call " + step + " failed: " + event.detail();
        case FIRST_DECIDED -> "first: branch " + event.detail() + " ended first; the others are cancelled";
        case BRANCH_ENDED -> "branch " + event.detail() + " ended";
        case SIGNAL_RAISED -> "signal " + event.detail();
        case SIGNAL_TAKEN -> "wait for " + event.detail() + ": signalled";
        case EXCLUSIVE_ENTERED -> "exclusive " + event.detail() + ": entered";
        case EXCLUSIVE_LEFT -> "exclusive " + event.detail() + ": left";
        case REGION_ENTERED -> "region " + event.detail() + ": entered";
        case REGION_ENDED -> "region " + event.detail().replace(" cancelled", ": cancelled")
            + (event.detail().endsWith(" cancelled") ? "" : ": ended");
        case REGION_CANCELLED -> "cancel region " + event.detail();
        case COMPENSATED -> "undo " + step;
        case COMPENSATION_FAILED -> "undo " + step + " failed: " + event.detail();
        case INCIDENT_OPENED -> "incident at step " + step + ": " + event.detail();
        case INCIDENT_RESOLVED -> "incident at step " + step + " " + event.detail();
        default -> null;
      };
    }

    private String notice(Notification notification) {
      String to = notification.recipient().isRole()
          ? simple(notification.recipient().role())
          : notification.recipient().address();
      return to + (notification.via() == null ? "" : " via " + simple(notification.via())) + ": " + show(notification.message());
    }
  }

  /** The key of an answer that makes a system step's attempt fail: {@code {"$fail": "ledger closed"}}. */
  static final String FAIL = "$fail";

  /** An attempt that the answers file makes fail. */
  static final class AnsweredFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AnsweredFailure(String message) {
      super(message);
    }
  }

  /** The dry run cannot go on: an answer does not fit. */
  static final class DryRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DryRunException(String message) {
      super(message);
    }
  }
}
