package dev.flow.compiler.bpmn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One workflow as a BPMN process before it is XML: flow nodes, sequence flows, compensation
 * associations and lanes, in the order they were made. {@link ProcessTranslator} builds it,
 * {@link Normalizer} makes it well-formed BPMN (a join is always a gateway), {@link Layout} places
 * it and {@link BpmnWriter} writes it. Ids are made here from fixed prefixes and counters, never
 * from free text.
 */
final class ProcessGraph {
  /** The BPMN element a node becomes. */
  enum Type {
    START_EVENT("startEvent", 36, 36),
    END_EVENT("endEvent", 36, 36),
    CATCH_EVENT("intermediateCatchEvent", 36, 36),
    THROW_EVENT("intermediateThrowEvent", 36, 36),
    BOUNDARY_EVENT("boundaryEvent", 36, 36),
    USER_TASK("userTask", 100, 80),
    SERVICE_TASK("serviceTask", 100, 80),
    SEND_TASK("sendTask", 100, 80),
    CALL_ACTIVITY("callActivity", 100, 80),
    EXCLUSIVE_GATEWAY("exclusiveGateway", 50, 50),
    PARALLEL_GATEWAY("parallelGateway", 50, 50),
    INCLUSIVE_GATEWAY("inclusiveGateway", 50, 50),
    EVENT_BASED_GATEWAY("eventBasedGateway", 50, 50),
    /**
     * A collapsed subprocess, its steps in a plane of their own (bpmn-js opens it with a click):
     * the body of a multi-instance {@code for each}, or the branches of a {@code first} that do not all wait for
     * an event.
     */
    SUB_PROCESS("subProcess", 100, 80);

    private final String element;
    private final int width;
    private final int height;

    Type(String element, int width, int height) {
      this.element = element;
      this.width = width;
      this.height = height;
    }

    String element() {
      return element;
    }

    int width() {
      return width;
    }

    int height() {
      return height;
    }

    boolean gateway() {
      return element.endsWith("Gateway");
    }

    boolean event() {
      return element.endsWith("Event");
    }
  }

  /** The event definition of an event node. */
  enum Definition {
    NONE,
    MESSAGE,
    TIMER,
    ERROR,
    ESCALATION,
    COMPENSATE,
    /** An end event that ends its scope at once (in a subprocess: the subprocess, cancelling what still runs). */
    TERMINATE
  }

  /** How a timer is given: {@code timeDuration} (ISO 8601), {@code timeDate} or {@code timeCycle} (cron). */
  enum TimerKind {
    DURATION("timeDuration"),
    DATE("timeDate"),
    CYCLE("timeCycle");

    private final String element;

    TimerKind(String element) {
      this.element = element;
    }

    String element() {
      return element;
    }
  }

  /** A field of a person's form: its name, its Flow type as written, and whether it may be left empty. */
  record FormField(String name, String type, boolean optional) {}

  /** A flow node. Mutable while the graph is built and normalised; nothing outside this package sees it. */
  static final class Node {
    final String id;
    final Type type;
    String name;
    Definition definition = Definition.NONE;
    TimerKind timerKind = TimerKind.DURATION;
    /** The timer's expression, or the name of the message, error or escalation it refers to. */
    String detail = "";
    String documentation = "";
    List<FormField> form = List.of();
    Optional<String> lane = Optional.empty();
    /** For a boundary event: the activity it sits on. */
    Optional<String> attachedTo = Optional.empty();
    boolean cancelActivity = true;
    boolean forCompensation;
    /** For a call activity: the id of the process it calls, when that process is in the same file. */
    Optional<String> calledElement = Optional.empty();
    /** For an exclusive or inclusive gateway: the id of its default flow. */
    Optional<String> defaultFlow = Optional.empty();
    /** For an activity that a {@code for each} runs once per item: whether one after the other. */
    Optional<Boolean> multiInstanceSequential = Optional.empty();
    /** For an activity that a {@code for each … first N} runs: when the instances stop (the others are cancelled). */
    Optional<String> completionCondition = Optional.empty();
    /** The number of instances of a multi-instance activity ({@code parallel N times}): N as an expression. */
    Optional<String> loopCardinality = Optional.empty();
    /** For a subprocess: its steps. */
    Optional<ProcessGraph> inner = Optional.empty();
    /** For an end event: the workflow completes there (not a failure, a cancel or an escalation). */
    boolean completes;

    Node(String id, Type type, String name) {
      this.id = id;
      this.type = type;
      this.name = name;
    }
  }

  /** A sequence flow; a condition (Flow source text) only out of a deciding gateway. */
  static final class Flow {
    final String id;
    String source;
    String target;
    String name;
    Optional<String> condition;

    Flow(String id, String source, String target, String name, Optional<String> condition) {
      this.id = id;
      this.source = source;
      this.target = target;
      this.name = name;
      this.condition = condition;
    }
  }

  /** A lane: a role or a system. */
  record Lane(String id, String name) {}

  /** An association from a compensation boundary event to the activity that undoes its host. */
  record Association(String id, String source, String target) {}

  /** How one workflow hands work to another: {@code starts after}, {@code start}, {@code call}, {@code emit}. */
  enum HandoffKind {
    AFTER("when completed"),
    START("starts"),
    CALL("calls"),
    /** {@code emit E}: the "workflow" of the hand-off is the message id of the event. */
    EMIT("publishes");

    private final String label;

    HandoffKind(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  /**
   * A place where this workflow hands work to another (a {@code start} event, a call activity),
   * or takes it from one (the start event of {@code starts after}); the other's qualified name
   * ({@code event}: an emitted event's qualified name, else empty).
   */
  record Handoff(HandoffKind kind, String node, String workflow, String event) {
    Handoff(HandoffKind kind, String node, String workflow) {
      this(kind, node, workflow, "");
    }
  }

  /**
   * The workflow's {@code deadline}: an event subprocess whose non-interrupting timer start event
   * leads to an escalation (or a logged breach) while the instance runs on.
   *
   * @param lane the lane key it is drawn in (the owner's)
   */
  record Deadline(String id, String name, String startId, String startName, String duration, String endId,
      String endName, String escalation, String flowId, Optional<String> lane) {}

  private final String prefix;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final List<Flow> flows = new ArrayList<>();
  private final List<Association> associations = new ArrayList<>();
  private final Map<String, Lane> lanes = new LinkedHashMap<>();
  private final List<Handoff> handoffs = new ArrayList<>();
  private Optional<Deadline> deadline = Optional.empty();
  private int counter;

  /** @param prefix the start of every id, unique in the file (the workflow's place in it) */
  ProcessGraph(String prefix) {
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  /** A new node with a fresh id. */
  Node add(Type type, String name) {
    Node node = new Node(prefix + "_" + shortName(type) + "_" + (++counter), type, name);
    nodes.put(node.id, node);
    return node;
  }

  /**
   * A new node for a named step, with an id from the step's name ({@code Kickoff.createFolder}; other ids have no dot),
   * which stays the same when other steps change.
   */
  Node addStep(Type type, String name, String stepName) {
    String id = prefix + "." + Ids.ncName(stepName);
    if (nodes.containsKey(id)) {
      return add(type, name);
    }
    Node node = new Node(id, type, name);
    nodes.put(id, node);
    return node;
  }

  private static String shortName(Type type) {
    if (type.gateway()) {
      return "Gateway";
    }
    return type.event() ? "Event" : "Activity";
  }

  Node node(String id) {
    Node n = nodes.get(id);
    if (n == null) {
      throw new IllegalStateException("no node " + id);
    }
    return n;
  }

  List<Node> nodes() {
    return List.copyOf(nodes.values());
  }

  void remove(String id) {
    nodes.remove(id);
  }

  /**
   * A sequence flow; a second flow between the same two nodes without a condition is not added
   * (BPMN has no use for duplicates).
   */
  Flow flow(String source, String target, String name, Optional<String> condition) {
    for (Flow f : flows) {
      if (f.source.equals(source) && f.target.equals(target) && condition.isEmpty() && f.condition.isEmpty()) {
        return f;
      }
    }
    Flow flow = new Flow(prefix + "_Flow_" + (++counter), source, target, name, condition);
    flows.add(flow);
    return flow;
  }

  List<Flow> flows() {
    return List.copyOf(flows);
  }

  void removeFlow(Flow flow) {
    flows.remove(flow);
  }

  List<Flow> incoming(String id) {
    return flows.stream().filter(f -> f.target.equals(id)).toList();
  }

  List<Flow> outgoing(String id) {
    return flows.stream().filter(f -> f.source.equals(id)).toList();
  }

  void associate(String source, String target) {
    associations.add(new Association(prefix + "_Association_" + (++counter), source, target));
  }

  /** Drops the associations whose ends are not both in {@code kept}. */
  void removeAssociationsOf(Set<String> kept) {
    associations.removeIf(a -> !kept.contains(a.source()) || !kept.contains(a.target()));
  }

  List<Association> associations() {
    return List.copyOf(associations);
  }

  /** The lane for a key (a role's or system's qualified name), made on first use. */
  Lane lane(String key, String name) {
    return lanes.computeIfAbsent(key, k -> new Lane(prefix + "_Lane_" + (lanes.size() + 1), name));
  }

  Map<String, Lane> lanes() {
    return lanes;
  }

  void handoff(HandoffKind kind, String node, String workflow) {
    handoffs.add(new Handoff(kind, node, workflow));
  }

  /** An {@code emit}: {@code message} is the message's id, {@code event} the event's qualified name. */
  void emits(String node, String message, String event) {
    handoffs.add(new Handoff(HandoffKind.EMIT, node, message, event));
  }

  /**
   * The hand-offs of the nodes still in the graph (a statement that is never reached is gone); one from inside a
   * subprocess is the subprocess's (its steps are drawn in a plane of their own).
   */
  List<Handoff> handoffs() {
    List<Handoff> out = new ArrayList<>(handoffs.stream().filter(h -> nodes.containsKey(h.node())).toList());
    for (Node n : nodes.values()) {
      n.inner.ifPresent(g -> g.handoffs().forEach(h -> out.add(new Handoff(h.kind(), n.id, h.workflow(), h.event()))));
    }
    return out;
  }

  /** The end events that complete the workflow. */
  List<Node> completions() {
    return nodes.values().stream().filter(n -> n.type == Type.END_EVENT && n.completes).toList();
  }

  /** A deadline with fresh ids. */
  Deadline deadline(String name, String startName, String duration, String endName, String escalation,
      Optional<String> lane) {
    String id = prefix + "_Deadline";
    deadline = Optional.of(new Deadline(id, name, id + "_Start", startName, duration, id + "_End", endName, escalation,
        id + "_Flow", lane));
    return deadline.get();
  }

  Optional<Deadline> deadline() {
    return deadline;
  }
}
