package dev.flow.temporal;

import dev.flow.runtime.Breach;
import dev.flow.runtime.Engine;
import dev.flow.runtime.EventLog;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.LogCase;
import dev.flow.runtime.LogEntry;
import dev.flow.runtime.Notification;
import dev.flow.runtime.TaskInbox;
import dev.flow.runtime.Trigger;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.api.Delivery;
import dev.flow.runtime.api.FlowRuntime;
import dev.flow.runtime.engine.Inputs;
import dev.flow.runtime.engine.Outbox;
import dev.flow.runtime.engine.Snapshots;
import dev.flow.runtime.engine.Views;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.replay.History;
import dev.flow.runtime.replay.StepRecord;
import dev.flow.runtime.replay.Wait;
import dev.flow.runtime.store.InstanceQuery;
import dev.flow.runtime.store.JsonCodec;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link FlowRuntime} of Flow instances running on Temporal: what an application, a web
 * server or a test programs against, as against the embedded engine. Instances are Temporal
 * workflows ({@link FlowWorkflow}) run by workers ({@link FlowWorker}) in any number of
 * processes; this client talks to them through the Temporal service: it starts them, sends
 * them acts on tasks and published events as updates (answered, and refused with the reason),
 * and reads their Flow histories with a query. It holds no state of its own: several processes
 * may use it at once.
 *
 * <p>A published event is offered only to the instances whose search attributes say they wait
 * for it (or have work in flight), and the inbox by role reads only the instances whose open
 * tasks that role may act on ({@link FlowSearchAttributes}, through Temporal's visibility API).
 * Listing instances pages by visibility and reads only the page's; all tasks, breaches and
 * notifications read only the instances whose {@code FlowMarks} say they had one; the event log
 * reads every open instance and each ended one once, keeping its history (see docs/architecture.md).
 */
public final class TemporalFlowRuntime implements FlowRuntime {
  private final WorkflowClient client;
  private final Catalog catalog;
  private final String taskQueue;
  private final ZoneId zone;
  private final JsonCodec codec = new JsonCodec();
  private final TaskInbox inbox;
  private final Visibility visibility;
  /** How long a query may take: an instance no worker can run (a version not deployed) does not answer. */
  static final Duration QUERY_LIMIT = Duration.ofSeconds(10);
  /** How many instances this client asked (an offer, a history or status query): what visibility spares. */
  private final java.util.concurrent.atomic.AtomicLong asked = new java.util.concurrent.atomic.AtomicLong();
  /** How many ended instances' Flow histories the event log keeps. */
  static final int ENDED_KEPT = 10_000;
  /** The Flow histories of ended runs the event log read, by workflow id and run id, least recently used first. */
  private final Map<String, List<Recorded>> ended = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * @param client the Temporal client (its namespace is the instances')
   * @param catalog the workflows this client knows (to start them and read their values)
   * @param taskQueue the task queue the workers poll
   * @param zone the zone of dates and {@code today()} of the instances it starts
   */
  public TemporalFlowRuntime(WorkflowClient client, Catalog catalog, String taskQueue, ZoneId zone) {
    this(client, catalog, taskQueue, zone, true);
  }

  /**
   * @param client the Temporal client (its namespace is the instances')
   * @param catalog the workflows this client knows (to start them and read their values)
   * @param taskQueue the task queue the workers poll
   * @param zone the zone of dates and {@code today()} of the instances it starts
   * @param searchAttributes whether the workers keep the {@link FlowSearchAttributes} (as
   *     {@link FlowWorker.Builder#searchAttributes(boolean)} says); without them, publishing and
   *     the inbox ask every open instance
   */
  public TemporalFlowRuntime(WorkflowClient client, Catalog catalog, String taskQueue, ZoneId zone,
      boolean searchAttributes) {
    this.client = Objects.requireNonNull(client, "client");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.taskQueue = Objects.requireNonNull(taskQueue, "taskQueue");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.inbox = new TaskInbox(new TemporalDesk(this));
    this.visibility = new Visibility(client, () -> executions(true), searchAttributes);
  }

  /** How many times this client has asked an instance something (offered an event, queried its history or status). */
  long asked() {
    return asked.get();
  }

  Visibility visibility() {
    return visibility;
  }

  Catalog catalog() {
    return catalog;
  }

  WorkflowClient client() {
    return client;
  }

  JsonCodec codec() {
    return codec;
  }

  // ---- starting and publishing -------------------------------------------------------------

  @Override
  public <I> String start(WorkflowDefinition<I, ?> workflow, I input) {
    WorkflowDefinition<?, ?> registered = catalog.definition(workflow.name(), workflow.version())
        .orElseThrow(() -> new IllegalArgumentException("workflow " + workflow + " is not registered with this runtime: "
            + "add its module to the Catalog"));
    return begin(registered, input);
  }

  @Override
  public String start(String workflow, Object input) {
    return begin(catalog.latest(workflow), input);
  }

  private String begin(WorkflowDefinition<?, ?> definition, Object input) {
    String key = heldKey(definition, input);
    if (key != null) {
      // Started by hand with an event of its keyed trigger: it holds the key, unless the key's instance runs.
      for (int tries = 0; tries < 100; tries++) {
        KeyHolder holder = holder(definition, key);
        if (holder.open() != null) {
          break;
        }
        String id = begin(definition, input, keyedId(definition, key, holder.next()), zone);
        if (id != null) {
          return id;
        }
      }
    }
    return begin(definition, input, null, zone);
  }

  /** The key of the event of a keyed trigger that a workflow's input holds, or {@code null}. */
  private static String heldKey(WorkflowDefinition<?, ?> definition, Object input) {
    if (input == null || !input.getClass().isRecord()) {
      return null;
    }
    for (Trigger<?> trigger : definition.triggers()) {
      if (trigger instanceof Trigger.OnEvent<?, ?> on && on.key() != null) {
        for (java.lang.reflect.RecordComponent component : input.getClass().getRecordComponents()) {
          try {
            Object value = component.getAccessor().invoke(input);
            String key = on.event().isInstance(value) ? on.keyFor(value) : null;
            if (key != null) {
              return key;
            }
          } catch (ReflectiveOperationException e) {
            // not readable: not a key
          }
        }
      }
    }
    return null;
  }

  /**
   * Starts an instance with the given workflow id (never reused: a second start of it is
   * refused, even after it closed), or a new random one when {@code id} is {@code null}.
   *
   * @return its id, or {@code null} when the id was taken
   */
  private String begin(WorkflowDefinition<?, ?> definition, Object input, String id, ZoneId startZone) {
    Inputs.check(definition, input);
    String workflowId = id != null ? id : definition.simpleName() + "-" + UUID.randomUUID().toString().substring(0, 13);
    // The Temporal workflow type is the Flow workflow's name (see FlowInstanceWorkflow).
    WorkflowStub stub = client.newUntypedWorkflowStub(definition.name(),
        WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(workflowId)
            .setWorkflowIdReusePolicy(io.temporal.api.enums.v1.WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .build());
    try {
      stub.start(new Messages.Start(definition.name(), definition.version(), codec.toJson(Payload.of(input)), null, null,
          startZone.getId()));
    } catch (WorkflowExecutionAlreadyStarted taken) {
      return null;
    }
    return workflowId;
  }

  /**
   * Publishes an event: offered to the open instances that wait for it (an update, which an
   * instance that does not wait for it refuses without a trace), taken by the first waiting
   * receive it matches, or kept by an instance that is running for its next wait; then it starts
   * every workflow that {@code starts on} it. A keyed trigger ({@code starts on E keyed by e.k})
   * starts an instance only when its key has none running: the key's instances have workflow ids
   * made from the key ({@link #keyedId}), which Temporal lets only one open execution have; the
   * running one holds every event of its key for its next receive.
   */
  @Override
  public Delivery publish(Object event) {
    return deliver(event, UUID.randomUUID().toString(), null, zone);
  }

  /**
   * Publishes an event (see {@link #publish}); {@code eventId} makes it one event however often it
   * is handed over: an instance takes or keeps it once, and the instances it starts without a key
   * have ids made from it, so that publishing it again (a retried activity of an {@code emit})
   * starts none again.
   *
   * @param emitter the instance that emitted it, which is not offered its own event, or {@code null}
   * @param startZone the zone of the instances it starts
   */
  Delivery deliver(Object event, String eventId, String emitter, ZoneId startZone) {
    Objects.requireNonNull(event, "event");
    if (!event.getClass().isRecord()) {
      throw new IllegalArgumentException("publish takes an event (the record the compiler generates for an `event`), not a "
          + event.getClass().getName());
    }
    Messages.Event offered = new Messages.Event(event.getClass().getName(), codec.toJson(Payload.of(event)), eventId);
    List<String> woken = new ArrayList<>();
    java.util.Set<String> reached = new java.util.HashSet<>();
    for (String id : visibility.openWhere(FlowSearchAttributes.WAITING_FOR, waitedFor(event))) {
      if (id.equals(emitter)) {
        continue;
      }
      String answer = offer(id, offered, false);
      if (answer.equals("woken")) {
        woken.add(id);
      }
      if (answer.equals("woken") || answer.equals("kept")) {
        reached.add(id);
      }
    }
    List<String> started = new ArrayList<>();
    int unkeyed = 0;
    for (WorkflowDefinition<?, ?> definition : catalog.newest()) {
      for (Trigger<?> trigger : definition.triggers()) {
        if (trigger instanceof Trigger.OnEvent<?, ?> on && on.event().isInstance(event)) {
          String key = on.keyFor(event);
          if (key == null) {
            String id = emitter == null ? null
                : definition.simpleName() + "-" + UUID.nameUUIDFromBytes((eventId + "#" + unkeyed++).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).toString().substring(0, 13);
            String begun = begin(definition, on.inputFor(event), id, startZone);
            if (begun != null) {
              started.add(begun);
            }
          } else {
            keyed(definition, on.inputFor(event), key, offered, reached, woken, started, startZone);
          }
        }
      }
    }
    return new Engine.Delivery(started, woken);
  }

  /**
   * Offers an event to one instance; {@code hold} when it is its key's instance, which keeps it
   * for its next receive if none takes it now.
   *
   * @return {@code woken} (taken), {@code kept}, or {@code refused} (not waiting for it, or ended)
   */
  private String offer(String id, Messages.Event event, boolean hold) {
    try {
      asked.incrementAndGet();
      FlowWorkflow stub = client.newWorkflowStub(FlowWorkflow.class, id);
      return hold ? stub.hold(event) : stub.offer(event);
    } catch (WorkflowUpdateException | WorkflowNotFoundException refused) {
      return "refused"; // It does not wait for this event, or it ended meanwhile.
    }
  }

  /**
   * An event of a keyed trigger: its key's running instance holds it (unless it took or kept it
   * already), else a new instance for the key starts with the next id of the key; when another
   * publisher started that one first (Temporal refuses a second start of an id), it holds it.
   */
  private void keyed(WorkflowDefinition<?, ?> definition, Object input, String key, Messages.Event event,
      java.util.Set<String> reached, List<String> woken, List<String> started, ZoneId startZone) {
    for (int tries = 0; tries < 100; tries++) {
      KeyHolder holder = holder(definition, key);
      if (holder.next() > 1 && reached.contains(keyedId(definition, key, holder.next() - 1))) {
        return; // The key's instance took or kept it already (and may have ended with it).
      }
      if (holder.open() != null) {
        String answer = offer(holder.open(), event, true);
        if (answer.equals("woken")) {
          woken.add(holder.open());
          return;
        }
        if (answer.equals("kept")) {
          return;
        }
        continue; // It ended meanwhile: the key's next instance starts.
      }
      String id = begin(definition, input, keyedId(definition, key, holder.next()), startZone);
      if (id != null) {
        started.add(id);
        return;
      }
    }
    throw new IllegalStateException("the instance of key " + key + " of " + definition.name() + " could not be found or"
        + " started: its instances end as fast as they start");
  }

  /**
   * The workflow id of the {@code generation}th instance of a key of a keyed workflow: the
   * workflow's name, the key and the generation ({@code Room-kitchen-1}), so that Temporal, which
   * lets one id have one open execution and (with {@code REJECT_DUPLICATE}) never another after
   * it closed, decides which of two publishers of a new key starts its instance.
   */
  static String keyedId(WorkflowDefinition<?, ?> definition, String key, int generation) {
    return definition.simpleName() + "-" + java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8)
        + "-" + generation;
  }

  /** A key's running instance, or {@code null}, and the generation of the key's next instance. */
  private record KeyHolder(String open, int next) {}

  /**
   * Finds a key's latest instance by describing its generations' ids (a describe is answered by
   * the service, not a worker): doubling, then halving, so a key of {@code n} instances costs
   * about {@code 2 log n} describes.
   */
  private KeyHolder holder(WorkflowDefinition<?, ?> definition, String key) {
    int known = 0;
    int probe = 1;
    while (described(keyedId(definition, key, probe)) != null) {
      known = probe;
      probe *= 2;
    }
    int low = known;
    int high = probe; // the first generation known not to exist
    while (high - low > 1) {
      int middle = low + (high - low) / 2;
      if (described(keyedId(definition, key, middle)) != null) {
        low = middle;
      } else {
        high = middle;
      }
    }
    if (low == 0) {
      return new KeyHolder(null, 1);
    }
    WorkflowExecutionStatus status = described(keyedId(definition, key, low));
    boolean open = status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    return new KeyHolder(open ? keyedId(definition, key, low) : null, low + 1);
  }

  private WorkflowExecutionStatus described(String id) {
    try {
      return read(() -> client.newUntypedWorkflowStub(id).describe()).getStatus();
    } catch (WorkflowNotFoundException | io.temporal.client.WorkflowServiceException none) {
      return null;
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  /**
   * What an instance that may take {@code event} shows in {@code FlowWaitingFor}: the event's
   * type with the correlation keys it offers to each receive of it that the catalog's workflows
   * have, and {@value FlowSearchAttributes#BUSY} (an instance with work in flight keeps an event
   * for its next wait).
   */
  List<String> waitedFor(Object event) {
    java.util.Set<String> values = new java.util.LinkedHashSet<>();
    String type = event.getClass().getName();
    for (WorkflowDefinition<?, ?> definition : catalog.all()) {
      for (dev.flow.runtime.Step step : definition.steps()) {
        if (step instanceof dev.flow.runtime.ReceiveStep<?> receive && receive.event().getName().equals(type)) {
          try {
            values.add(FlowSearchAttributes.waitingFor(type, receive.keysOf(event)));
          } catch (RuntimeException unreadable) {
            values.add(type); // Another class of the same name (another class loader): the type alone.
          }
        }
      }
    }
    values.add(type);
    values.add(FlowSearchAttributes.receives(type));
    values.add(FlowSearchAttributes.BUSY);
    return List.copyOf(values);
  }

  /**
   * Starts the {@code starts every} schedules of the workflows this client knows, each as a
   * Temporal workflow ({@link FlowSchedule}) with the id {@code flow-schedule:NAME}; one already
   * running is left as it is, so every process may call this when it starts.
   *
   * @return the workflows whose schedule was started now
   */
  public List<String> startSchedules() {
    List<String> started = new ArrayList<>();
    for (WorkflowDefinition<?, ?> definition : catalog.newest()) {
      if (definition.triggers().stream().noneMatch(t -> t instanceof Trigger.Every<?>)) {
        continue;
      }
      FlowSchedule schedule = client.newWorkflowStub(FlowSchedule.class, WorkflowOptions.newBuilder()
          .setTaskQueue(taskQueue).setWorkflowId("flow-schedule:" + definition.name()).build());
      try {
        WorkflowClient.start(schedule::run, definition.name(), zone.getId());
        started.add(definition.name());
      } catch (WorkflowExecutionAlreadyStarted running) {
        // Another process started it: one schedule per workflow.
      }
    }
    return started;
  }

  @Override
  public void cancel(String instanceId, String reason) {
    InstanceState state = state(instanceId);
    if (state.isTerminal()) {
      throw new IllegalStateException("instance " + instanceId + " has already ended (" + state + ")");
    }
    // The reason first (a signal the instance records), then the cancel request through Temporal,
    // so that the instance, once it has undone its work, ends as a cancelled Temporal workflow.
    client.newWorkflowStub(FlowWorkflow.class, instanceId).cancel(reason);
    client.newUntypedWorkflowStub(instanceId).cancel(reason);
  }

  // ---- reading -----------------------------------------------------------------------------

  @Override
  public WorkflowInstance instance(String instanceId) {
    List<Recorded> entries;
    try {
      entries = history(instanceId);
    } catch (WorkflowQueryException | io.temporal.client.WorkflowServiceException unanswered) {
      WorkflowInstance blocked = blocked(instanceId);
      if (blocked == null) {
        throw unanswered;
      }
      return blocked;
    }
    History history = History.of(entries);
    HistoryEntry.InstanceStarted started = history.started();
    WorkflowDefinition<?, ?> definition = catalog.definition(started.workflow(), started.version())
        .orElseThrow(() -> new IllegalStateException("instance " + instanceId + " runs version " + started.version()
            + " of " + started.workflow() + ", which this runtime does not know"));
    if (history.ended() != null) {
      return Snapshots.of(instanceId, definition, history, history.ended().state(), Map.of());
    }
    Messages.Status status = status(instanceId);
    Map<String, Wait> waits = new LinkedHashMap<>();
    for (String waitId : status.waits()) {
      waits.put(waitId, new Wait(waitId, kindOf(history, waitId), Views.stepName(waitId), null, null));
    }
    return Snapshots.of(instanceId, definition, history, InstanceState.valueOf(status.state()), waits);
  }

  private static Wait.Kind kindOf(History history, String waitId) {
    StepRecord step = history.step(waitId);
    if (waitId.substring(waitId.lastIndexOf('/') + 1).startsWith("@waitfor")) {
      return Wait.Kind.SIGNAL;
    }
    if (waitId.substring(waitId.lastIndexOf('/') + 1).startsWith("@exclusive")) {
      return Wait.Kind.EXCLUSIVE;
    }
    String kind = step == null || waitId.contains("~") ? "wait" : step.kind() == null ? "wait" : step.kind();
    return switch (kind) {
      case "task", "approval" -> Wait.Kind.TASK;
      case "receive" -> Wait.Kind.RECEIVE;
      case "call" -> Wait.Kind.CHILD;
      case "action" -> Wait.Kind.ACTION;
      default -> Wait.Kind.TIMER;
    };
  }

  @Override
  public InstanceState state(String instanceId) {
    Messages.Status status;
    try {
      status = status(instanceId);
    } catch (WorkflowQueryException | io.temporal.client.WorkflowServiceException unanswered) {
      if (blocked(instanceId) == null) {
        throw unanswered;
      }
      return InstanceState.WAITING;
    }
    return InstanceState.valueOf(status.state());
  }

  /**
   * An instance no worker can run, because none has its workflow version (the workers fail its
   * workflow task with "blocked: …", and Temporal retries it), as the embedded engine shows one:
   * waiting, with the one wait {@code blocked}; its history is what it ran, as its runs showed it
   * in their memo ({@code FlowHistory}, read from the Temporal history; the earlier runs' from the
   * start message of a run that continued them), or its start alone when it never ran (or began on
   * a release that did not show it). {@code null} when the instance is not blocked so.
   */
  WorkflowInstance blocked(String instanceId) {
    io.temporal.common.WorkflowExecutionHistory temporal;
    try {
      temporal = client.fetchHistory(instanceId);
    } catch (RuntimeException unreadable) {
      return null;
    }
    Messages.Start start = null;
    Instant startedAt = null;
    String blockedBy = null;
    boolean closed = false;
    List<Recorded> ran = new ArrayList<>();
    for (io.temporal.api.history.v1.HistoryEvent event : temporal.getEvents()) {
      if (event.hasWorkflowPropertiesModifiedEventAttributes()) {
        // What it ran, as its runs showed it (FlowWorkflowImpl.SHOWN_HISTORY_CHANGE).
        io.temporal.api.common.v1.Payload shown = event.getWorkflowPropertiesModifiedEventAttributes().getUpsertedMemo()
            .getFieldsMap().get(FlowWorkflowImpl.HISTORY_MEMO);
        if (shown != null) {
          ran.addAll(codec.history(io.temporal.common.converter.DefaultDataConverter.STANDARD_INSTANCE.fromPayload(shown,
              String.class, String.class)));
        }
      }
      if (event.hasWorkflowExecutionStartedEventAttributes() && start == null) {
        io.temporal.api.common.v1.Payloads input = event.getWorkflowExecutionStartedEventAttributes().getInput();
        start = io.temporal.common.converter.DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(0,
            java.util.Optional.of(input), Messages.Start.class, Messages.Start.class);
        startedAt = Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos());
      } else if (event.hasWorkflowTaskFailedEventAttributes()) {
        String message = event.getWorkflowTaskFailedEventAttributes().getFailure().getMessage();
        io.temporal.api.failure.v1.Failure failure = event.getWorkflowTaskFailedEventAttributes().getFailure();
        for (; failure != null && !message.contains("blocked: "); failure = failure.hasCause() ? failure.getCause() : null) {
          message = failure.getMessage();
        }
        blockedBy = message.contains("blocked: ") ? message.substring(message.indexOf("blocked: ")) : null;
      } else if (event.hasWorkflowTaskCompletedEventAttributes()) {
        blockedBy = null; // A worker ran it since: not blocked (the query failed for another reason).
      } else if (event.hasWorkflowExecutionCompletedEventAttributes() || event.hasWorkflowExecutionFailedEventAttributes()
          || event.hasWorkflowExecutionCanceledEventAttributes() || event.hasWorkflowExecutionTerminatedEventAttributes()
          || event.hasWorkflowExecutionTimedOutEventAttributes()) {
        closed = true;
      }
    }
    if (start == null || blockedBy == null || closed) {
      return null;
    }
    Object input;
    java.util.Optional<WorkflowDefinition<?, ?>> known = catalog.definition(start.workflow(), start.version());
    input = known.isPresent() ? codec.payload(start.input()).as(known.get().inputType()) : codec.payload(start.input()).value();
    List<Recorded> entries = new ArrayList<>();
    if (start.history() != null) {
      entries.addAll(codec.history(FlowWorkflowImpl.unpack(start.history()))); // The runs before this one.
    }
    entries.addAll(ran);
    if (entries.isEmpty()) {
      // Blocked from its start, or begun on a release that did not show its history: its start alone.
      entries.add(new Recorded(1, startedAt, new HistoryEntry.InstanceStarted(start.workflow(), start.version(),
          codec.payload(start.input()), start.parentId(), start.callerStepId())));
    }
    List<dev.flow.runtime.HistoryEvent> events = new ArrayList<>();
    for (Recorded recorded : entries) {
      dev.flow.runtime.HistoryEvent event = Views.legacy(recorded);
      if (event != null) {
        events.add(event);
      }
    }
    // Worded as the embedded engine words it (engine.Snapshots).
    WorkflowInstance.Wait wait = new WorkflowInstance.Wait("blocked", "", "", "blocked: version " + start.version()
        + " not deployed", java.util.Optional.empty());
    return new WorkflowInstance(instanceId, start.workflow(), start.version(), InstanceState.WAITING, input,
        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), start.parentId(), startedAt,
        java.util.Optional.empty(), events, List.of(wait), entries);
  }

  /** Where an instance stands, and whether it is quiet (it waits, nothing in flight). */
  Messages.Status status(String instanceId) {
    try {
      asked.incrementAndGet();
      return query(instanceId, "status", Messages.Status.class);
    } catch (WorkflowNotFoundException e) {
      throw new IllegalArgumentException("no instance " + instanceId);
    } catch (WorkflowQueryException e) {
      if (e.getCause() instanceof WorkflowNotFoundException) {
        throw new IllegalArgumentException("no instance " + instanceId);
      }
      throw e;
    }
  }

  /**
   * Asks an instance a query, waiting at most {@link #QUERY_LIMIT}: a query that no worker
   * answers (one whose workflow task fails, say a version no worker has) is not left to the
   * service's much longer limit.
   *
   * @throws WorkflowNotFoundException when there is no such instance
   * @throws WorkflowQueryException when it is not answered (in time)
   */
  private <T> T query(String instanceId, String name, Class<T> type) {
    io.temporal.api.common.v1.WorkflowExecution execution = io.temporal.api.common.v1.WorkflowExecution.newBuilder()
        .setWorkflowId(instanceId).build();
    io.temporal.api.workflowservice.v1.QueryWorkflowResponse response;
    try {
      response = client.getWorkflowServiceStubs().blockingStub()
          .withDeadlineAfter(QUERY_LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .queryWorkflow(io.temporal.api.workflowservice.v1.QueryWorkflowRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace()).setExecution(execution)
              .setQuery(io.temporal.api.query.v1.WorkflowQuery.newBuilder().setQueryType(name).build()).build());
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
        throw new WorkflowNotFoundException(execution, null, e);
      }
      throw new WorkflowQueryException(execution, null, e);
    }
    if (response.hasQueryRejected()) {
      throw new WorkflowQueryException(execution, null, new IllegalStateException("query " + name + " rejected: "
          + response.getQueryRejected().getStatus()));
    }
    return client.getOptions().getDataConverter().fromPayloads(0, java.util.Optional.of(response.getQueryResult()), type,
        type);
  }

  /**
   * The instances a query selects, newest first: chosen and paged by what Temporal's visibility
   * knows of them (workflow type, status, the {@code FlowWorkflow} and {@code FlowState} search
   * attributes), so that only the page's instances are read (their Flow histories, from a
   * worker). On a cluster the selection is a list query; Temporal's in-process test server
   * answers none, so there the open and closed executions are listed and filtered here, with a
   * describe (answered by the service, not a worker) where their status does not tell the Flow
   * state (an open one for {@code WAITING}, a failed one, which may be a {@code deadline … cancel}).
   */
  @Override
  public List<WorkflowInstance> instances(InstanceQuery query) {
    List<String> selected = visibility.select(query.workflow(), query.state(), this::executionsNewestFirst, this::instance);
    int from = Math.min(query.offset(), selected.size());
    int to = (int) Math.min((long) from + query.limit(), selected.size());
    List<WorkflowInstance> instances = new ArrayList<>();
    for (String id : selected.subList(from, to)) {
      instances.add(instance(id));
    }
    return List.copyOf(instances);
  }

  private List<WorkflowExecutionInfo> executionsNewestFirst() {
    return newestFirst();
  }

  /** Every instance, newest first. */
  public List<WorkflowInstance> instances() {
    return instances(new InstanceQuery(null, null, 0, Integer.MAX_VALUE));
  }

  @Override
  public List<Recorded> history(String instanceId) {
    try {
      asked.incrementAndGet();
      return codec.history(query(instanceId, "history", String.class));
    } catch (WorkflowNotFoundException e) {
      throw new IllegalArgumentException("no instance " + instanceId);
    } catch (WorkflowQueryException e) {
      if (e.getCause() instanceof WorkflowNotFoundException) {
        throw new IllegalArgumentException("no instance " + instanceId);
      }
      throw e;
    }
  }

  @Override
  public TaskInbox inbox() {
    return inbox;
  }

  /** None: on Temporal a step whose retries are exhausted fails, also with {@code then wait for operator}. */
  @Override
  public List<dev.flow.runtime.Incident> incidents() {
    return List.of();
  }

  @Override
  public void retryIncident(String incidentId, String by) {
    throw unsupportedIncidents(incidentId);
  }

  @Override
  public void failIncident(String incidentId, String by, String reason) {
    throw unsupportedIncidents(incidentId);
  }

  private static dev.flow.runtime.IncidentException unsupportedIncidents(String incidentId) {
    return new dev.flow.runtime.IncidentException("no incident " + incidentId + ": the Temporal backend has no incidents"
        + " (a step whose retries are exhausted fails, also with `then wait for operator`)");
  }

  @Override
  public EventLog eventLog() {
    List<LogEntry> rows = new ArrayList<>();
    List<LogCase> cases = new ArrayList<>();
    List<WorkflowExecutionInfo> executions = new ArrayList<>(newestFirst());
    java.util.Collections.reverse(executions);
    for (WorkflowExecutionInfo info : executions) {
      String id = info.getExecution().getWorkflowId();
      List<Recorded> entries = endedHistory(info);
      History history = History.of(entries);
      String workflow = history.started().workflow();
      Map<String, String> systems = new HashMap<>();
      for (Recorded recorded : entries) {
        if (recorded.entry() instanceof HistoryEntry.ActionScheduled scheduled) {
          systems.put(scheduled.stepId(), scheduled.system());
        }
        rows.addAll(Views.rows(id, workflow, workflow.substring(workflow.lastIndexOf('.') + 1), recorded, systems::get));
      }
      String parent = history.started().parentId();
      cases.add(new LogCase(id, workflow, history.started().version(), "", history.state(), parent == null ? "" : parent));
    }
    rows.sort(Comparator.comparing(LogEntry::timestamp));
    return new EventLog(rows, cases);
  }

  /**
   * An instance's Flow history for the event log: an ended one's is read once and kept (it no
   * longer changes), up to {@value #ENDED_KEPT} of them; an open one's is read each time.
   */
  private List<Recorded> endedHistory(WorkflowExecutionInfo info) {
    if (info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return history(info.getExecution().getWorkflowId());
    }
    String run = info.getExecution().getWorkflowId() + "/" + info.getExecution().getRunId();
    synchronized (ended) {
      List<Recorded> known = ended.get(run);
      if (known != null) {
        return known;
      }
    }
    List<Recorded> entries = history(info.getExecution().getWorkflowId());
    synchronized (ended) {
      ended.put(run, entries);
      if (ended.size() > ENDED_KEPT) {
        ended.remove(ended.keySet().iterator().next());
      }
    }
    return entries;
  }

  @Override
  public List<Breach> breaches() {
    List<Breach> breaches = new ArrayList<>();
    for (String id : oldestFirst(FlowSearchAttributes.BREACH)) {
      Map<String, Instant> dues = new HashMap<>();
      String workflow = null;
      for (Recorded recorded : history(id)) {
        if (recorded.entry() instanceof HistoryEntry.InstanceStarted started) {
          workflow = started.workflow();
        } else if (recorded.entry() instanceof HistoryEntry.TimerSet set) {
          dues.put(set.stepId(), set.due());
        } else if (recorded.entry() instanceof HistoryEntry.Breached breached) {
          boolean deadline = breached.stepId().isEmpty();
          Instant due = dues.getOrDefault(deadline ? "@deadline" : breached.stepId() + "~limit", recorded.at());
          breaches.add(new Breach(id, workflow, deadline ? null : breached.step(), breached.limit(), due,
              breached.escalateTo()));
        }
      }
    }
    breaches.sort(Comparator.comparing(Breach::due));
    return breaches;
  }

  @Override
  public List<Notification> notifications() {
    List<Notification> sent = new ArrayList<>();
    for (String id : oldestFirst(FlowSearchAttributes.NOTIFICATION)) {
      String workflow = null;
      for (Recorded recorded : history(id)) {
        if (recorded.entry() instanceof HistoryEntry.InstanceStarted started) {
          workflow = started.workflow();
        } else if (recorded.entry() instanceof HistoryEntry.NotifyRequested request) {
          sent.add(Outbox.notification(id, workflow, request, recorded.at()));
        }
      }
    }
    sent.sort(Comparator.comparing(Notification::at));
    return sent;
  }

  /**
   * The instances whose {@code FlowMarks} hold {@code mark} (or that keep no marks), oldest first:
   * what {@link #breaches}, {@link #notifications} and the inbox's {@code all()} read, rather than
   * every instance.
   */
  List<String> oldestFirst(String mark) {
    List<String> ids = new ArrayList<>(visibility.marked(mark, this::newestFirst,
        type -> catalog.knows(type) || type.equals(FlowWorkflowImpl.LEGACY_TYPE)));
    java.util.Collections.reverse(ids);
    return ids;
  }

  /**
   * Waits until every open instance is quiet: it waits for a person, a timer, an event or a
   * child, with no activity, child start or signal in flight, and no workflow task pending
   * (nothing recorded in its Temporal history that it has not run yet, such as a child's end). What tests and tools call after
   * starting, completing or publishing, to see the instances where they stand, as the embedded
   * engine shows them at once.
   *
   * @throws IllegalStateException when they are not quiet within {@code limit}
   */
  public void awaitQuiet(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    int quietRounds = 0;
    while (quietRounds < 2) {
      boolean quiet = true;
      List<WorkflowExecutionInfo> opened = executions(true);
      Set<String> openIds = new HashSet<>();
      opened.forEach(open -> openIds.add(open.getExecution().getWorkflowId()));
      for (WorkflowExecutionInfo open : opened) {
        try {
          String id = open.getExecution().getWorkflowId();
          if (!status(id).quiet() || workflowTaskPending(id, openIds)) {
            quiet = false;
            break;
          }
        } catch (IllegalArgumentException | WorkflowQueryException gone) {
          // Ended meanwhile, or not answering yet (a blocked instance whose version is being deployed).
          quiet = false;
          break;
        }
      }
      quietRounds = quiet ? quietRounds + 1 : 0;
      if (quietRounds < 2) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the instances are not quiet after " + limit);
        }
        try {
          Thread.sleep(quiet ? 1 : 5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the instances", e);
        }
      }
    }
  }

  /**
   * Whether something has reached an instance that it has not run yet: its Temporal history has a
   * workflow task scheduled after its last completed one (a child's end, a timer, an activity's
   * outcome just recorded). Such an instance may answer "quiet" from the state before it. Also
   * whether a child it starts is not started yet: the parent waits for it quietly, and the child
   * is not among the open executions until it is started. And whether a child it waits for has
   * ended but its end has not reached it yet: the server tells the parent a moment after the child
   * closes, and in that moment neither is busy.
   */
  private boolean workflowTaskPending(String id, Set<String> openIds) {
    List<io.temporal.api.history.v1.HistoryEvent> events;
    try {
      events = client.fetchHistory(id).getEvents();
    } catch (RuntimeException unreadable) {
      return true; // Not readable now (it continued as new meanwhile, say): look again.
    }
    boolean pending = false;
    int childrenStarting = 0;
    Set<String> childrenRunning = new HashSet<>();
    for (io.temporal.api.history.v1.HistoryEvent event : events) {
      switch (event.getEventType()) {
        case EVENT_TYPE_WORKFLOW_TASK_SCHEDULED -> pending = true;
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> pending = false;
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> childrenStarting++;
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED -> childrenStarting--;
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> {
          childrenStarting--;
          childrenRunning.add(event.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution().getWorkflowId());
        }
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> childrenRunning.remove(
            event.getChildWorkflowExecutionCompletedEventAttributes().getWorkflowExecution().getWorkflowId());
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED -> childrenRunning.remove(
            event.getChildWorkflowExecutionFailedEventAttributes().getWorkflowExecution().getWorkflowId());
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED -> childrenRunning.remove(
            event.getChildWorkflowExecutionCanceledEventAttributes().getWorkflowExecution().getWorkflowId());
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT -> childrenRunning.remove(
            event.getChildWorkflowExecutionTimedOutEventAttributes().getWorkflowExecution().getWorkflowId());
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED -> childrenRunning.remove(
            event.getChildWorkflowExecutionTerminatedEventAttributes().getWorkflowExecution().getWorkflowId());
        default -> { }
      }
    }
    return pending || childrenStarting > 0 || !openIds.containsAll(childrenRunning);
  }

  // ---- executions --------------------------------------------------------------------------

  /** The executions of Flow instances, newest first. */
  List<WorkflowExecutionInfo> newestFirst() {
    List<WorkflowExecutionInfo> all = new ArrayList<>(executions(true));
    java.util.Set<String> open = new java.util.HashSet<>();
    all.forEach(i -> open.add(i.getExecution().getWorkflowId()));
    for (WorkflowExecutionInfo closed : executions(false)) {
      if (!open.contains(closed.getExecution().getWorkflowId())) {
        all.add(closed);
      }
    }
    all.sort(Comparator.comparing((WorkflowExecutionInfo i) -> i.getStartTime().getSeconds())
        .thenComparing(i -> i.getStartTime().getNanos()).reversed());
    return all;
  }

  /** The open (or closed) executions of the Flow workflow type, page by page. */
  List<WorkflowExecutionInfo> executions(boolean open) {
    Map<String, WorkflowExecutionInfo> found = new LinkedHashMap<>();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    String namespace = client.getOptions().getNamespace();
    do {
      List<WorkflowExecutionInfo> batch;
      com.google.protobuf.ByteString from = page;
      if (open) {
        ListOpenWorkflowExecutionsResponse response = read(() -> client.getWorkflowServiceStubs().blockingStub()
            .listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace)
                .setMaximumPageSize(1000).setNextPageToken(from).build()));
        batch = response.getExecutionsList();
        page = response.getNextPageToken();
      } else {
        ListClosedWorkflowExecutionsResponse response = read(() -> client.getWorkflowServiceStubs().blockingStub()
            .listClosedWorkflowExecutions(ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(namespace)
                .setMaximumPageSize(1000).setNextPageToken(from).build()));
        batch = response.getExecutionsList();
        page = response.getNextPageToken();
      }
      for (WorkflowExecutionInfo info : batch) {
        // A run that continued as new is not an instance of its own: its workflow id's latest run is.
        String type = info.getType().getName();
        if ((catalog.knows(type) || type.equals(FlowWorkflowImpl.LEGACY_TYPE))
            && info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
          // One entry per instance: a run that continued as new may still be listed as its next one starts.
          WorkflowExecutionInfo other = found.get(info.getExecution().getWorkflowId());
          if (other == null || later(info, other)) {
            found.put(info.getExecution().getWorkflowId(), info);
          }
        }
      }
    } while (!page.isEmpty());
    return new ArrayList<>(found.values());
  }

  /** How often a read that failed with {@code UNKNOWN} is asked again before the failure is the caller's. */
  static final int READ_ATTEMPTS = 5;

  /**
   * A read of the service (a page of a listing, a describe), asked again (at most {@link
   * #READ_ATTEMPTS} times, a few milliseconds apart) while it fails with {@code UNKNOWN}.
   * Temporal's in-process test server walks its executions without its lock, so a listing made
   * while a workflow starts a child may fail with a {@code ConcurrentModificationException}, and
   * its describe of a workflow whose child is not started yet with a {@code NullPointerException}
   * (fixed in SDK 1.32); both reach the client as {@code UNKNOWN}. A read changes nothing, so asking
   * again is safe on a cluster too; any other status is the caller's at once.
   */
  static <T> T read(java.util.function.Supplier<T> listing) {
    for (int attempt = 1; ; attempt++) {
      try {
        return listing.get();
      } catch (RuntimeException e) {
        if (!unknown(e) || attempt == READ_ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(5L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Whether {@code e} is, or wraps (a describe's {@code WorkflowServiceException}), a status {@code UNKNOWN}. */
  private static boolean unknown(RuntimeException e) {
    Throwable status = e instanceof io.grpc.StatusRuntimeException ? e : e.getCause();
    return status instanceof io.grpc.StatusRuntimeException s && s.getStatus().getCode() == io.grpc.Status.Code.UNKNOWN;
  }

  private static boolean later(WorkflowExecutionInfo one, WorkflowExecutionInfo other) {
    return Comparator.comparing((WorkflowExecutionInfo i) -> i.getStartTime().getSeconds())
        .thenComparing(i -> i.getStartTime().getNanos()).compare(one, other) > 0;
  }

  @Override
  public void close() {
    // The client belongs to the caller, who shuts its service stubs down.
  }
}
