package dev.flow.cli;

import dev.flow.cli.SimulationProfile.Distribution;
import dev.flow.cli.SimulationProfile.Staff;
import dev.flow.cli.SimulationProfile.StepProfile;
import dev.flow.runtime.ActionContext;
import dev.flow.runtime.Engine;
import dev.flow.runtime.EngineListener;
import dev.flow.runtime.EventLog;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.FlowName;
import dev.flow.runtime.FormField;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.Principal;
import dev.flow.runtime.SystemDefinition;
import dev.flow.runtime.Task;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.history.HistoryEntry;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Runs many cases of a model on the in-memory engine with a clock that jumps from one thing to the
 * next (a discrete-event simulation): cases arrive as the profile says, each person of a role
 * takes up the oldest task offered to the role when they are free and at work, each step takes
 * the time the profile draws for it, and each answer is drawn from the profile. Seeded: the same
 * model, profile, seed and start give the same log. Each draw comes from a source of its own (the
 * n-th arrival, the n-th case's input, a task, an action call), so two profiles compared with the
 * same seed draw the same numbers wherever they agree, and differ only by what they change.
 */
final class Simulation {
  /** The most things one simulation does, so a profile whose cases never end cannot run for ever. */
  private static final int MAX_EVENTS = 5_000_000;

  /** A simulation that cannot go on, in words. */
  static final class Stuck extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stuck(String message) {
      super(message);
    }
  }

  /**
   * Something to do at a time. At the same time, things happen in the order they were scheduled,
   * except system calls finishing, which go after them in the order of their idempotency keys
   * ({@code tie}): calls of parallel branches are scheduled from threads of their own, in no
   * fixed order.
   */
  private record Scheduled(Instant at, String tie, long order, Runnable action) {}

  /** One person of a role, free from a time on. */
  private static final class Person {
    final String role;
    final Principal principal;
    Instant freeAt;

    Person(String role, Principal principal, Instant freeAt) {
      this.role = role;
      this.principal = principal;
      this.freeAt = freeAt;
    }
  }

  private final List<FlowModule> modules;
  private final SimulationProfile profile;
  private final long seed;
  private final ManualClock clock;
  private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
      java.util.Comparator.comparing(Scheduled::at).thenComparing(Scheduled::tie).thenComparingLong(Scheduled::order));
  private final Calls calls = new Calls();
  private final Map<String, List<Person>> people = new HashMap<>();
  private final List<String[]> offered = new ArrayList<>();
  private final List<String[]> receiving = new ArrayList<>();
  private long order;
  private int started;
  private Engine engine;

  Simulation(List<FlowModule> modules, SimulationProfile profile, long seed, Instant start) {
    this.modules = modules;
    this.profile = profile;
    this.seed = seed;
    this.clock = ManualClock.at(start);
  }

  /**
   * Runs {@code cases} cases of the workflows the profile lets arrive (or of the one workflow that
   * starts manually or on an event, when it names none), then lets every case run to its end.
   *
   * @return the event log of every instance
   */
  EventLog run(int cases) {
    try {
      return simulate(cases);
    } finally {
      calls.threads.shutdownNow();
    }
  }

  private EventLog simulate(int cases) {
    Engine.Builder builder = Engine.builder().clock(clock).withoutSchedules().listener(new Offers()).executor(calls);
    for (FlowModule module : modules) {
      builder.module(module);
      for (SystemDefinition system : module.systems()) {
        if (!system.actions().isEmpty()) {
          connect(builder, system);
        }
      }
    }
    engine = builder.build();
    Map<WorkflowDefinition<?, ?>, Distribution> arrivals = arrivals();
    for (Map.Entry<WorkflowDefinition<?, ?>, Distribution> arrival : arrivals.entrySet()) {
      scheduleArrival(arrival.getKey(), arrival.getValue(), cases, clock.instant());
    }
    int events = 0;
    while (events++ < MAX_EVENTS) {
      calls.settle();
      dispatchOffers();
      dispatchReceives();
      Scheduled next = queue.peek();
      Optional<Instant> timer = engine.nextTimer();
      if (timer.isPresent() && (next == null || !timer.get().isAfter(next.at()))) {
        if (next == null && engine.instances().stream().allMatch(i -> i.state().isTerminal())) {
          break;
        }
        clock.advanceTo(timer.get().isAfter(clock.instant()) ? timer.get() : clock.instant());
        continue;
      }
      if (next == null) {
        break;
      }
      queue.poll();
      if (next.at().isAfter(clock.instant())) {
        clock.advanceTo(next.at());
      }
      next.action().run();
    }
    if (events > MAX_EVENTS) {
      throw new Stuck("the simulation did " + MAX_EVENTS + " things and its cases still had not ended: do its loops end?");
    }
    return engine.eventLog();
  }

  private Map<WorkflowDefinition<?, ?>, Distribution> arrivals() {
    Map<WorkflowDefinition<?, ?>, Distribution> arrivals = new LinkedHashMap<>();
    for (Map.Entry<String, Distribution> arrival : profile.arrivals.entrySet()) {
      arrivals.put(workflow(arrival.getKey()), arrival.getValue());
    }
    if (arrivals.isEmpty()) {
      List<WorkflowDefinition<?, ?>> first = new ArrayList<>();
      for (FlowModule module : modules) {
        for (WorkflowDefinition<?, ?> definition : module.workflows()) {
          boolean startedByAnother = definition.triggers().stream()
              .allMatch(t -> t instanceof dev.flow.runtime.Trigger.After<?, ?>) && !definition.triggers().isEmpty();
          if (!startedByAnother) {
            first.add(definition);
          }
        }
      }
      if (first.size() != 1) {
        throw new Stuck("the profile names no arrivals, and the model has " + first.size()
            + " workflows that no other starts: say in \"arrivals\" which start and how often, e.g. {\"arrivals\": {\""
            + (first.isEmpty() ? "Workflow" : first.get(0).simpleName()) + "\": \"exponential 8h\"}}");
      }
      arrivals.put(first.get(0), Distribution.fixed(Duration.ofHours(8)));
    }
    return arrivals;
  }

  private WorkflowDefinition<?, ?> workflow(String name) {
    for (FlowModule module : modules) {
      for (WorkflowDefinition<?, ?> definition : module.workflows()) {
        if (definition.name().equals(name) || definition.simpleName().equals(name)) {
          return definition;
        }
      }
    }
    throw new Stuck("arrivals names `" + name + "`, which is not a workflow of the model");
  }

  private void scheduleArrival(WorkflowDefinition<?, ?> workflow, Distribution every, int cases, Instant after) {
    schedule(after.plus(every.sample(draws("arrival " + workflow.name() + " " + started))), () -> {
      if (started >= cases) {
        return;
      }
      started++;
      Instant arrived = clock.instant();
      Object input = value(workflow.inputType(), profile.inputs.get(workflow.simpleName()),
          "inputs." + workflow.simpleName(), draws("input " + workflow.name() + " " + started));
      engine.start(workflow.name(), input);
      if (started < cases) {
        scheduleArrival(workflow, every, cases, arrived);
      }
    });
  }

  private void schedule(Instant at, Runnable action) {
    synchronized (calls) {
      queue.add(new Scheduled(at, "", order++, action));
    }
  }

  /**
   * Runs the engine's action calls, each on a thread of its own, so that a system step takes the
   * time the profile draws while the rest of the simulation goes on: the call parks until the
   * simulated clock reaches its end. The simulation moves on only when every call has finished or
   * parked ({@link #settle}), so it stays one sequence of things, as reproducible as before.
   */
  private final class Calls implements java.util.concurrent.Executor {
    final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "simulated call");
      thread.setDaemon(true);
      return thread;
    });
    /** Calls running and not parked. Guarded by this. */
    private int active;

    @Override
    public void execute(Runnable call) {
      synchronized (this) {
        active++;
      }
      threads.execute(() -> {
        try {
          call.run();
        } finally {
          synchronized (this) {
            active--;
            notifyAll();
          }
        }
      });
    }

    /** On a call's thread: parks it until the simulated clock has moved on by {@code takes}. */
    void take(Duration takes, String key) {
      java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
      synchronized (this) {
        queue.add(new Scheduled(clock.instant().plus(takes), key, order++, () -> {
          synchronized (this) {
            active++;
          }
          done.countDown();
        }));
        active--;
        notifyAll();
      }
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stuck("the simulation stopped while a system step was under way");
      }
    }

    /** Waits until every call has finished or parked. */
    synchronized void settle() {
      while (active > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Stuck("the simulation was interrupted");
        }
      }
    }
  }

  // ---- people ----------------------------------------------------------------------------------

  /**
   * Collects the tasks put in the inbox and the receives that began waiting while the engine ran,
   * to give each task to a person and send each receive its event afterwards.
   */
  private final class Offers implements EngineListener {
    @Override
    public void onHistory(String instanceId, HistoryEvent event) {
      if (event.type() == HistoryEvent.Type.TASK_CREATED) {
        offered.add(new String[] {instanceId, event.step()});
      } else if (event.type() == HistoryEvent.Type.RECEIVE_WAITING) {
        receiving.add(new String[] {instanceId, event.stepId(), event.step()});
      }
    }
  }

  // ---- events ----------------------------------------------------------------------------------

  /**
   * Sends each receive that began waiting since the last call the event it waits for, as the
   * profile says: after its {@code wait}, with its {@code arrives} probability (1 unless given; an
   * event that does not come leaves the receive to its {@code within} limit), its fields from the
   * step's answers and its correlated fields ({@code where ev.field == …}) equal to the values the
   * receive waits for. It is published (so it wakes whatever else waits for it, or starts what
   * starts on it) only if the receive still waits when it comes.
   */
  private void dispatchReceives() {
    while (!receiving.isEmpty()) {
      String[] waiting = receiving.remove(0);
      String instanceId = waiting[0];
      String stepId = waiting[1];
      dev.flow.runtime.WorkflowInstance instance = engine.instance(instanceId);
      HistoryEntry.ReceiveWaiting receive = null;
      for (dev.flow.runtime.history.Recorded recorded : instance.entries()) {
        if (recorded.entry() instanceof HistoryEntry.ReceiveWaiting w && w.stepId().equals(stepId)) {
          receive = w;
        }
      }
      if (receive == null) {
        continue;
      }
      StepProfile step = step(instance.workflow(), waiting[2]);
      SplittableRandom random = draws("event " + instanceId + " " + stepId);
      Map<String, Object> answers = new LinkedHashMap<>(step == null ? Map.of() : step.answers());
      Object arrives = answers.remove("arrives");
      if (arrives != null && !(arrives instanceof Number)) {
        throw new Stuck("steps." + waiting[2] + ".arrives must be a probability from 0 to 1");
      }
      if (arrives != null && random.nextDouble() >= ((Number) arrives).doubleValue()) {
        continue;
      }
      Class<?> type;
      try {
        type = Class.forName(receive.eventType(), false, modules.get(0).getClass().getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new Stuck("the event " + receive.eventType() + " of " + waiting[2] + " is not in the compiled model");
      }
      Map<String, Object> fields = new LinkedHashMap<>(answers);
      for (String key : receive.correlation()) {
        int eq = key.indexOf('=');
        fields.put(key.substring(0, eq), correlated(type, key.substring(0, eq), key.substring(eq + 1)));
      }
      Object event = value(type, fields, "steps." + waiting[2], random);
      Instant comes = clock.instant().plus(sample(step == null ? null : step.delay(), SimulationProfile.NO_TIME, random));
      schedule(comes, () -> {
        boolean stillWaiting = engine.instance(instanceId).waits().stream().anyMatch(w -> w.stepId().equals(stepId));
        if (stillWaiting) {
          engine.publish(event);
        }
      });
    }
  }

  /** A correlated field's value, from its key's canonical text, as the event's field type. */
  private static Object correlated(Class<?> event, String field, String text) {
    if (text.equals("\u0000none")) {
      return null;
    }
    for (RecordComponent component : event.getRecordComponents()) {
      FlowName flowName = component.getAnnotation(FlowName.class);
      String name = flowName == null ? component.getName() : flowName.value();
      if (!name.equals(field)) {
        continue;
      }
      Class<?> t = component.getType();
      if (t == Long.class || t == long.class) {
        return Long.valueOf(text);
      }
      if (t == Integer.class || t == int.class) {
        return Integer.valueOf(text);
      }
      if (t == java.math.BigDecimal.class) {
        return new java.math.BigDecimal(text);
      }
      if (t == Boolean.class || t == boolean.class) {
        return Boolean.valueOf(text);
      }
      if (t == LocalDate.class) {
        return LocalDate.parse(text);
      }
      if (t == Instant.class) {
        return Instant.parse(text);
      }
      return text; // text, and constants by name, which the field's conversion reads
    }
    return text;
  }

  /** Gives each task offered since the last call to the person of its role who is free first. */
  private void dispatchOffers() {
    while (!offered.isEmpty()) {
      String[] offer = offered.remove(0);
      Task task;
      try {
        task = engine.inbox().task(offer[0], offer[1]);
      } catch (dev.flow.runtime.TaskException gone) {
        continue; // withdrawn in the same run
      }
      StepProfile step = step(task.workflow(), task.step());
      SplittableRandom random = draws("task " + task.id());
      Staff staff = profile.staff.getOrDefault(simple(task.role()), Staff.UNLIMITED);
      Instant ready = clock.instant().plus(sample(step == null ? null : step.delay(), SimulationProfile.NO_TIME, random));
      Person person = task.assignee() != null ? assignee(task, ready) : person(task, ready);
      if (person == null) {
        continue; // everyone who could do it is excluded (`not by`): it waits, as it would
      }
      staff = profile.staff.getOrDefault(simple(person.role), Staff.UNLIMITED);
      Instant begins = opening(staff, later(ready, person.freeAt));
      Duration work = sample(step == null ? null : step.work(), SimulationProfile.HUMAN_WORK, random);
      Instant ends = afterWorking(staff, begins, work);
      person.freeAt = ends;
      String taskId = task.id();
      schedule(begins, () -> {
        if (open(taskId)) {
          engine.inbox().claim(taskId, person.principal);
        }
      });
      schedule(ends, () -> {
        if (open(taskId)) {
          engine.inbox().complete(taskId, person.principal, form(task, step, random));
        }
      });
    }
  }

  private boolean open(String taskId) {
    return engine.inbox().task(taskId).map(t -> t.status() == Task.Status.OPEN).orElse(false);
  }

  /**
   * The person who takes a task up: of the people of its roles ({@code by A or B}) not excluded
   * from it ({@code not by}), the one free first; {@code null} when every one is excluded. A role
   * without staff has a new person whenever one is needed.
   */
  private Person person(Task task, Instant ready) {
    List<String> roles = new ArrayList<>();
    roles.add(task.role());
    roles.addAll(task.otherRoles());
    Person first = null;
    for (String role : roles) {
      Staff staff = profile.staff.getOrDefault(simple(role), Staff.UNLIMITED);
      List<Person> team = people.computeIfAbsent(role, r -> new ArrayList<>());
      if (staff.people() == 0) {
        Person anyone;
        do {
          anyone = new Person(role, new Principal(simple(role).toLowerCase(java.util.Locale.ROOT) + "-" + (team.size() + 1),
              Set.of(role)), ready);
          team.add(anyone);
        } while (task.excluded().contains(anyone.principal.name()));
        return anyone;
      }
      while (team.size() < staff.people()) {
        team.add(new Person(role, new Principal(simple(role).toLowerCase(java.util.Locale.ROOT) + "-" + (team.size() + 1),
            Set.of(role)), clock.instant()));
      }
      for (Person p : team) {
        if (!task.excluded().contains(p.principal.name()) && (first == null || p.freeAt.isBefore(first.freeAt))) {
          first = p;
        }
      }
    }
    return first;
  }

  /** The person a task was given to ({@code assign to}): they do it, as a person of its role. */
  private Person assignee(Task task, Instant ready) {
    List<Person> named = people.computeIfAbsent("@" + task.assignee(), r -> new ArrayList<>());
    if (named.isEmpty()) {
      named.add(new Person(task.role(), new Principal(task.assignee(), Set.of(task.role())), ready));
    }
    return named.get(0);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** The first moment at or after {@code at} when the staff are at work. */
  static Instant opening(Staff staff, Instant at) {
    if (staff.always()) {
      return at;
    }
    LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    for (int day = 0; day < 8; day++) {
      LocalDate date = t.toLocalDate();
      if (staff.days().contains(date.getDayOfWeek())) {
        LocalDateTime opens = date.atTime(staff.opens());
        LocalDateTime closes = date.atTime(staff.closes());
        if (t.isBefore(opens)) {
          return opens.toInstant(ZoneOffset.UTC);
        }
        if (t.isBefore(closes)) {
          return t.toInstant(ZoneOffset.UTC);
        }
      }
      t = date.plusDays(1).atStartOfDay();
    }
    throw new Stuck("staff who never work");
  }

  /** When work of {@code length} begun at {@code begins} (at work) ends, counting working time only. */
  static Instant afterWorking(Staff staff, Instant begins, Duration length) {
    if (staff.always()) {
      return begins.plus(length);
    }
    Instant at = begins;
    Duration left = length;
    while (true) {
      at = opening(staff, at);
      LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
      Instant closes = t.toLocalDate().atTime(staff.closes()).toInstant(ZoneOffset.UTC);
      Duration today = Duration.between(at, closes);
      if (left.compareTo(today) <= 0) {
        return at.plus(left);
      }
      left = left.minus(today);
      at = closes;
    }
  }

  private Map<String, Object> form(Task task, StepProfile step, SplittableRandom random) {
    Map<String, Object> answers = step == null ? Map.of() : step.answers();
    Map<String, Object> form = new LinkedHashMap<>();
    for (FormField field : task.fields()) {
      Object spec = answers.get(field.name());
      if (spec == null && field.optional()) {
        continue;
      }
      form.put(field.name(), field.type() == List.class ? listValue(spec, field.elementType(), field.name())
          : value(field.type(), spec, "steps." + task.step() + "." + field.name(), random));
    }
    if (task.kind().equals("approval")) {
      form.put("approved", value(Boolean.class, answers.getOrDefault("approved", Boolean.TRUE),
          "steps." + task.step() + ".approved", random));
      Object comment = answers.get("comment");
      if (comment != null) {
        form.put("comment", String.valueOf(comment));
      }
    }
    return form;
  }

  private StepProfile step(String workflow, String step) {
    StepProfile qualified = profile.steps.get(simple(workflow) + "." + step);
    return qualified != null ? qualified : profile.steps.get(step);
  }

  private static Duration sample(Distribution distribution, Distribution otherwise, SplittableRandom random) {
    return (distribution == null ? otherwise : distribution).sample(random);
  }

  /** The source of the draws for one thing, from the seed and what the thing is. */
  private SplittableRandom draws(String what) {
    long hash = 1125899906842597L;
    for (int i = 0; i < what.length(); i++) {
      hash = 31 * hash + what.charAt(i);
    }
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + hash);
  }

  // ---- systems ---------------------------------------------------------------------------------

  private <S> void connect(Engine.Builder builder, SystemDefinition system) {
    @SuppressWarnings("unchecked")
    Class<S> type = (Class<S>) system.type();
    // Untimed: a call's `timeout` would count real milliseconds while it waits for simulated time.
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type, dev.flow.runtime.UntimedConnector.class},
        (self, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "toString" -> "simulated " + system.name();
          case "hashCode" -> System.identityHashCode(self);
          case "equals" -> self == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        };
      }
      return call(method);
    });
    builder.connector(type, type.cast(proxy));
  }

  /**
   * A system step: takes the time the profile draws (its thread parks while the simulation goes on
   * to that time), and answers what the profile says or a default.
   */
  private Object call(Method method) {
    ActionContext context = ActionContext.current();
    boolean undo = context.idempotencyKey().contains("/compensate:");
    String workflow = context.workflow();
    StepProfile step = undo ? null : step(workflow, context.step());
    SplittableRandom random = draws("call " + context.idempotencyKey() + " " + context.attempt());
    Duration takes = sample(step == null ? null : step.work(), SimulationProfile.NO_TIME, random);
    if (!takes.isZero()) {
      calls.take(takes, context.idempotencyKey() + "#" + context.attempt());
    }
    if (method.getReturnType() == void.class) {
      return null;
    }
    Object spec = step == null ? null : step.answers().get("result");
    return value(method.getGenericReturnType(), spec, "steps." + context.step() + ".result", random);
  }

  // ---- values ----------------------------------------------------------------------------------

  private Object value(Type type, Object spec, String where, SplittableRandom random) {
    if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
      Type element = parameterized.getActualTypeArguments()[0];
      return listValue(spec, element instanceof Class<?> c ? c : Object.class, where);
    }
    return type instanceof Class<?> c ? value(c, spec, where, random) : null;
  }

  private Object listValue(Object spec, Class<?> element, String where) {
    if (spec == null) {
      return List.of();
    }
    try {
      return Values.convert(spec, List.class, element);
    } catch (IllegalArgumentException e) {
      throw new Stuck(where + " " + e.getMessage());
    }
  }

  /**
   * A value of a type from the profile: for a Bool a probability of {@code true} (or a fixed
   * {@code true}/{@code false}); for a choice of constants an object of their probabilities; for a
   * record an object of its fields; else a fixed value; without one, a default (empty text, zero,
   * false, today, the first constant).
   */
  private Object value(Class<?> type, Object spec, String where, SplittableRandom random) {
    if ((type == Boolean.class || type == boolean.class) && spec instanceof Number p) {
      return random.nextDouble() < p.doubleValue();
    }
    if (type.isEnum() && spec instanceof Map<?, ?> weights) {
      return choose(type, weights, where, random);
    }
    if (type.isRecord()) {
      Map<?, ?> fields = spec instanceof Map<?, ?> map ? map : Map.of();
      Map<String, Object> values = new LinkedHashMap<>();
      for (RecordComponent component : type.getRecordComponents()) {
        FlowName flowName = component.getAnnotation(FlowName.class);
        String name = flowName == null ? component.getName() : flowName.value();
        Object field = value(component.getGenericType(), fields.get(name), where + "." + name, random);
        if (field != null) {
          values.put(name, field);
        }
      }
      try {
        return Values.convert(values, type);
      } catch (IllegalArgumentException e) {
        throw new Stuck(where + " " + e.getMessage());
      }
    }
    if (spec == null) {
      return DryRun.plainDefault(type, clock.instant());
    }
    try {
      return Values.convert(spec, type);
    } catch (IllegalArgumentException e) {
      throw new Stuck(where + " " + e.getMessage());
    }
  }

  private static Object choose(Class<?> type, Map<?, ?> weights, String where, SplittableRandom random) {
    double total = 0;
    for (Object weight : weights.values()) {
      if (!(weight instanceof Number n) || n.doubleValue() < 0) {
        throw new Stuck(where + ": the probabilities of a choice must be numbers 0 or more");
      }
      total += n.doubleValue();
    }
    double pick = random.nextDouble() * total;
    for (Map.Entry<?, ?> weight : weights.entrySet()) {
      pick -= ((Number) weight.getValue()).doubleValue();
      if (pick < 0) {
        try {
          return Values.convert(String.valueOf(weight.getKey()), type);
        } catch (IllegalArgumentException e) {
          throw new Stuck(where + " " + e.getMessage());
        }
      }
    }
    return type.getEnumConstants()[0];
  }

  private static String simple(String qualified) {
    return qualified == null ? "" : qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
