package dev.flow.compiler.bpmn;

import dev.flow.compiler.bpmn.Layout.Bounds;
import dev.flow.compiler.bpmn.Layout.Placement;
import dev.flow.compiler.bpmn.Layout.Point;
import dev.flow.compiler.bpmn.ProcessGraph.Flow;
import dev.flow.compiler.bpmn.ProcessGraph.FormField;
import dev.flow.compiler.bpmn.ProcessGraph.Node;
import dev.flow.compiler.bpmn.ProcessGraph.Type;
import dev.flow.compiler.diagram.Words;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes BPMN 2.0 XML: a collaboration with a pool (participant) per workflow, each pool's
 * process with its lanes, flow nodes, sequence flows and compensation associations, the file's
 * messages, errors and escalations, and the diagram interchange (a shape per pool, lane and node,
 * an edge per flow) in one plane, as bpmn.io and Camunda Modeler lay it out. People's forms are
 * written as Camunda form fields ({@code camunda:formData}), which Camunda Modeler shows and other
 * tools ignore.
 */
final class BpmnWriter {
  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
  static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
  static final String DI = "http://www.omg.org/spec/DD/20100524/DI";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

  /** One pool: the workflow's process, its name and documentation, and where it is drawn. */
  record Pool(ProcessGraph graph, String name, String documentation, Placement placement) {}

  /** A black-box pool: a workflow drawn in another file, which this file's workflows hand work to or take it from. */
  record ExternalPool(String id, String name, Bounds bounds) {}

  /**
   * A message flow between two pools: a hand-off from one workflow to another, drawn along {@code waypoints}, its name
   * written in {@code label} (null: bpmn-js places it).
   */
  record MessageFlow(String id, String name, String source, String target, List<Point> waypoints, Bounds label) {}

  private BpmnWriter() {}

  /**
   * @param id a name for the file's ids (the process's, or a workflow's without one)
   * @param documentation what the collaboration is for (the process's goal), or empty
   */
  static String write(String id, String targetNamespace, String documentation, List<Pool> pools,
      List<ExternalPool> externals, List<MessageFlow> messageFlows, RootElements roots) {
    // The subprocesses' planes are laid out first: their layout puts every step in a lane, which the lane sets list.
    Map<String, Placement> planes = new HashMap<>();
    pools.forEach(p -> placeSubProcesses(p.graph(), planes));
    XmlWriter x = new XmlWriter();
    x.start("bpmn:definitions", "xmlns:bpmn", BPMN, "xmlns:bpmndi", BPMNDI, "xmlns:dc", DC, "xmlns:di", DI,
        "xmlns:xsi", XSI, "xmlns:camunda", CAMUNDA, "id", "definitions-" + id, "targetNamespace", targetNamespace,
        "exporter", "flowc", "exporterVersion", "1");
    x.start("bpmn:collaboration", "id", "collaboration-" + id);
    documentation(x, documentation);
    for (Pool p : pools) {
      x.empty("bpmn:participant", "id", p.graph().prefix() + "_Participant", "name", p.name(), "processRef",
          p.graph().prefix() + "_Process");
    }
    for (ExternalPool e : externals) {
      x.start("bpmn:participant", "id", e.id(), "name", e.name());
      documentation(x, "Drawn in another file.");
      x.end();
    }
    for (MessageFlow m : messageFlows) {
      x.empty("bpmn:messageFlow", "id", m.id(), "name", m.name(), "sourceRef", m.source(), "targetRef", m.target());
    }
    x.end();
    for (Pool p : pools) {
      process(x, p, planes);
    }
    // Only what a drawn event refers to: a statement that is never reached is not drawn.
    Set<String> used = new HashSet<>();
    pools.forEach(p -> details(p.graph(), used));
    pools.forEach(p -> p.graph().deadline().ifPresent(d -> used.add(d.escalation())));
    for (RootElements.Root r : roots.all()) {
      if (used.contains(r.id())) {
        if (r.code() != null) {
          x.empty("bpmn:" + r.kind().element(), "id", r.id(), "name", r.name(), "errorCode", r.code());
        } else {
          x.empty("bpmn:" + r.kind().element(), "id", r.id(), "name", r.name());
        }
      }
    }
    x.start("bpmndi:BPMNDiagram", "id", "diagram-" + id);
    x.start("bpmndi:BPMNPlane", "id", "plane-" + id, "bpmnElement", "collaboration-" + id);
    for (Pool p : pools) {
      shapes(x, p);
    }
    for (ExternalPool e : externals) {
      shape(x, e.id(), e.bounds(), "isHorizontal", "true");
    }
    for (MessageFlow m : messageFlows) {
      edge(x, m.id(), m.waypoints(), m.label());
    }
    x.end().end();
    pools.forEach(p -> subProcessPlanes(x, p.graph(), planes));
    x.end();
    return x.toString();
  }

  /** What the events of a process and of its subprocesses refer to. */
  private static void details(ProcessGraph g, Set<String> used) {
    for (Node n : g.nodes()) {
      used.add(n.detail);
      n.inner.ifPresent(inner -> details(inner, used));
    }
  }

  private static void documentation(XmlWriter x, String text) {
    if (!text.isBlank()) {
      x.text("bpmn:documentation", text.strip());
    }
  }

  private static void process(XmlWriter x, Pool p, Map<String, Placement> planes) {
    ProcessGraph g = p.graph();
    x.start("bpmn:process", "id", g.prefix() + "_Process", "name", p.name(), "isExecutable", "false");
    documentation(x, p.documentation());
    laneSet(x, g);
    contents(x, g, planes);
    g.deadline().ifPresent(d -> deadline(x, d));
    x.end();
  }

  /**
   * The lanes of a process or of a subprocess (a lane set of its own, which BPMN allows on any
   * flow elements container), each with the steps in it.
   */
  private static void laneSet(XmlWriter x, ProcessGraph g) {
    if (g.lanes().isEmpty()) {
      return;
    }
    x.start("bpmn:laneSet", "id", g.prefix() + "_LaneSet");
    for (Map.Entry<String, ProcessGraph.Lane> lane : g.lanes().entrySet()) {
      x.start("bpmn:lane", "id", lane.getValue().id(), "name", lane.getValue().name());
      for (Node n : g.nodes()) {
        if (n.lane.equals(Optional.of(lane.getKey()))) {
          x.text("bpmn:flowNodeRef", n.id);
        }
      }
      if (g.deadline().isPresent() && g.deadline().get().lane().equals(Optional.of(lane.getKey()))) {
        x.text("bpmn:flowNodeRef", g.deadline().get().id());
      }
      x.end();
    }
    x.end();
  }

  /**
   * Lays out the plane of every collapsed subprocess of a process, and of theirs, by the subprocess's id. A
   * subprocess none of whose steps has a role or system (only calls, decisions, waits) is drawn in the lane the
   * subprocess stands in, as a lane of its own: the reader who drills down sees who does that part, as in the
   * process (a called workflow's steps have lanes in its own pool).
   */
  private static void placeSubProcesses(ProcessGraph g, Map<String, Placement> planes) {
    for (Node n : g.nodes()) {
      n.inner.ifPresent(inner -> {
        if (inner.lanes().isEmpty() && n.lane.isPresent() && g.lanes().containsKey(n.lane.get())) {
          inner.lane(n.lane.get(), g.lanes().get(n.lane.get()).name());
        }
        planes.put(n.id, Layout.place(inner, 0, 0));
        placeSubProcesses(inner, planes);
      });
    }
  }

  /** The nodes, flows and compensation associations of a process or a subprocess. */
  private static void contents(XmlWriter x, ProcessGraph g, Map<String, Placement> planes) {
    for (Node n : g.nodes()) {
      node(x, g, n, planes);
    }
    for (Flow f : g.flows()) {
      String name = f.name.isEmpty() ? null : f.name;
      if (f.condition.isPresent()) {
        x.start("bpmn:sequenceFlow", "id", f.id, "name", name, "sourceRef", f.source, "targetRef", f.target);
        x.text("bpmn:conditionExpression", f.condition.get(), "xsi:type", "bpmn:tFormalExpression");
        x.end();
      } else {
        x.empty("bpmn:sequenceFlow", "id", f.id, "name", name, "sourceRef", f.source, "targetRef", f.target);
      }
    }
    for (ProcessGraph.Association a : g.associations()) {
      x.empty("bpmn:association", "id", a.id(), "associationDirection", "One", "sourceRef", a.source(), "targetRef",
          a.target());
    }
  }

  /** The deadline: an event subprocess with a non-interrupting timer start event and an end event. */
  private static void deadline(XmlWriter x, ProcessGraph.Deadline d) {
    x.start("bpmn:subProcess", "id", d.id(), "name", d.name(), "triggeredByEvent", "true");
    documentation(x, "Counted from the start of the workflow; the work goes on.");
    x.start("bpmn:startEvent", "id", d.startId(), "name", d.startName(), "isInterrupting", "false");
    x.text("bpmn:outgoing", d.flowId());
    x.start("bpmn:timerEventDefinition", "id", d.startId() + "-definition");
    x.text("bpmn:timeDuration", d.duration(), "xsi:type", "bpmn:tFormalExpression");
    x.end();
    x.end();
    x.start("bpmn:endEvent", "id", d.endId(), "name", d.endName());
    x.text("bpmn:incoming", d.flowId());
    if (!d.escalation().isEmpty()) {
      x.empty("bpmn:escalationEventDefinition", "id", d.endId() + "-definition", "escalationRef", d.escalation());
    }
    x.end();
    x.empty("bpmn:sequenceFlow", "id", d.flowId(), "sourceRef", d.startId(), "targetRef", d.endId());
    x.end();
  }

  private static void node(XmlWriter x, ProcessGraph g, Node n, Map<String, Placement> planes) {
    String element = "bpmn:" + n.type.element();
    x.start(element, "id", n.id, "name", n.name.isEmpty() ? null : n.name,
        "attachedToRef", n.attachedTo.orElse(null),
        "cancelActivity", n.type == Type.BOUNDARY_EVENT && !n.cancelActivity ? "false" : null,
        "isForCompensation", n.forCompensation ? "true" : null,
        "calledElement", n.calledElement.orElse(null),
        "default", n.defaultFlow.orElse(null));
    documentation(x, n.documentation + form(n.form));
    if (!n.form.isEmpty()) {
      x.start("bpmn:extensionElements").start("camunda:formData");
      for (FormField f : n.form) {
        x.empty("camunda:formField", "id", f.name(), "label", Words.humanize(f.name()), "type", camundaType(f.type()));
      }
      x.end().end();
    }
    for (Flow f : g.incoming(n.id)) {
      x.text("bpmn:incoming", f.id);
    }
    for (Flow f : g.outgoing(n.id)) {
      x.text("bpmn:outgoing", f.id);
    }
    if (n.multiInstanceSequential.isPresent()) {
      String[] loop = {"id", n.id + "-loop", "isSequential", n.multiInstanceSequential.get() ? "true" : null};
      if (n.completionCondition.isPresent() || n.loopCardinality.isPresent()) {
        x.start("bpmn:multiInstanceLoopCharacteristics", loop);
        n.loopCardinality.ifPresent(c -> x.text("bpmn:loopCardinality", c, "xsi:type", "bpmn:tFormalExpression"));
        n.completionCondition.ifPresent(c -> x.text("bpmn:completionCondition", c, "xsi:type", "bpmn:tFormalExpression"));
        x.end();
      } else {
        x.empty("bpmn:multiInstanceLoopCharacteristics", loop);
      }
    }
    eventDefinition(x, n);
    n.inner.ifPresent(inner -> {
      laneSet(x, inner);
      contents(x, inner, planes);
    });
    x.end();
  }

  /** The form in words, for every reader of the documentation. */
  private static String form(List<FormField> form) {
    if (form.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder("\n\nForm:");
    for (FormField f : form) {
      s.append("\n- ").append(Words.humanize(f.name())).append(": ").append(f.type()).append(f.optional() ? " (optional)" : "");
    }
    return s.toString();
  }

  private static String camundaType(String flowType) {
    return switch (flowType) {
      case "Bool" -> "boolean";
      case "Int" -> "long";
      case "Date" -> "date";
      default -> "string";
    };
  }

  private static void eventDefinition(XmlWriter x, Node n) {
    String id = n.id + "-definition";
    switch (n.definition) {
      case NONE -> { }
      case MESSAGE -> x.empty("bpmn:messageEventDefinition", "id", id, "messageRef", n.detail);
      case ERROR -> x.empty("bpmn:errorEventDefinition", "id", id, "errorRef", n.detail.isEmpty() ? null : n.detail);
      case ESCALATION -> x.empty("bpmn:escalationEventDefinition", "id", id, "escalationRef", n.detail);
      case COMPENSATE -> x.empty("bpmn:compensateEventDefinition", "id", id);
      case TERMINATE -> x.empty("bpmn:terminateEventDefinition", "id", id);
      case TIMER -> {
        x.start("bpmn:timerEventDefinition", "id", id);
        x.text("bpmn:" + n.timerKind.element(), n.detail, "xsi:type", "bpmn:tFormalExpression");
        x.end();
      }
      default -> throw new IllegalStateException(n.definition.toString());
    }
  }

  private static void shapes(XmlWriter x, Pool p) {
    ProcessGraph g = p.graph();
    Placement pl = p.placement();
    shape(x, g.prefix() + "_Participant", pl.pool(), "isHorizontal", "true");
    laneShapes(x, g, pl);
    nodeShapes(x, g, pl);
    if (g.deadline().isPresent()) {
      ProcessGraph.Deadline d = g.deadline().get();
      shape(x, d.id(), pl.shapes().get(d.id()), "isExpanded", "true");
      shape(x, d.startId(), pl.shapes().get(d.startId()));
      shape(x, d.endId(), pl.shapes().get(d.endId()));
      edge(x, d.flowId(), pl.edges().get(d.flowId()));
    }
    flowEdges(x, g, pl);
  }

  private static void laneShapes(XmlWriter x, ProcessGraph g, Placement pl) {
    for (ProcessGraph.Lane lane : g.lanes().values()) {
      Bounds b = pl.lanes().get(lane.id());
      if (b != null) {
        shape(x, lane.id(), b, "isHorizontal", "true");
      }
    }
  }

  private static void nodeShapes(XmlWriter x, ProcessGraph g, Placement pl) {
    for (Node n : g.nodes()) {
      labelledShape(x, n.id, pl.shapes().get(n.id), pl.labels().get(n.id), "isMarkerVisible",
          n.type == Type.EXCLUSIVE_GATEWAY ? "true" : null, "isExpanded", n.inner.isPresent() ? "false" : null);
    }
  }

  private static void flowEdges(XmlWriter x, ProcessGraph g, Placement pl) {
    for (Flow f : g.flows()) {
      edge(x, f.id, pl.edges().get(f.id), pl.labels().get(f.id));
    }
    for (ProcessGraph.Association a : g.associations()) {
      edge(x, a.id(), pl.edges().get(a.id()));
    }
  }

  /**
   * A diagram per collapsed subprocess, its plane showing the subprocess's steps (bpmn-js and
   * Camunda Modeler open it from the subprocess's drill-down marker), and then its own subprocesses'.
   */
  private static void subProcessPlanes(XmlWriter x, ProcessGraph g, Map<String, Placement> planes) {
    for (Node n : g.nodes()) {
      if (n.inner.isEmpty()) {
        continue;
      }
      ProcessGraph inner = n.inner.get();
      Placement pl = planes.get(n.id);
      x.start("bpmndi:BPMNDiagram", "id", "diagram-" + n.id);
      x.start("bpmndi:BPMNPlane", "id", "plane-" + n.id, "bpmnElement", n.id);
      laneShapes(x, inner, pl);
      nodeShapes(x, inner, pl);
      flowEdges(x, inner, pl);
      x.end().end();
      subProcessPlanes(x, inner, planes);
    }
  }

  private static void shape(XmlWriter x, String element, Bounds b, String... attributes) {
    labelledShape(x, element, b, null, attributes);
  }

  /** A shape, and where its name is written when the layout placed it ({@code label} not null). */
  private static void labelledShape(XmlWriter x, String element, Bounds b, Bounds label, String... attributes) {
    String[] all = new String[4 + attributes.length];
    all[0] = "id";
    all[1] = element + "-di";
    all[2] = "bpmnElement";
    all[3] = element;
    System.arraycopy(attributes, 0, all, 4, attributes.length);
    x.start("bpmndi:BPMNShape", all);
    x.empty("dc:Bounds", "x", Integer.toString(b.x()), "y", Integer.toString(b.y()), "width", Integer.toString(b.width()),
        "height", Integer.toString(b.height()));
    if (label != null) {
      x.start("bpmndi:BPMNLabel");
      x.empty("dc:Bounds", "x", Integer.toString(label.x()), "y", Integer.toString(label.y()), "width",
          Integer.toString(label.width()), "height", Integer.toString(label.height()));
      x.end();
    }
    x.end();
  }

  private static void edge(XmlWriter x, String element, List<Point> points) {
    edge(x, element, points, null);
  }

  /** An edge, and where its name is written when the layout placed it ({@code label} not null). */
  private static void edge(XmlWriter x, String element, List<Point> points, Bounds label) {
    x.start("bpmndi:BPMNEdge", "id", element + "-di", "bpmnElement", element);
    for (Point p : points) {
      x.empty("di:waypoint", "x", Integer.toString(p.x()), "y", Integer.toString(p.y()));
    }
    if (label != null) {
      x.start("bpmndi:BPMNLabel");
      x.empty("dc:Bounds", "x", Integer.toString(label.x()), "y", Integer.toString(label.y()), "width",
          Integer.toString(label.width()), "height", Integer.toString(label.height()));
      x.end();
    }
    x.end();
  }
}
