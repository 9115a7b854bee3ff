package dev.flow.compiler.diagram;

/**
 * What a node stands for. Each kind has a shape and a Mermaid class ({@code classDef}), so that a
 * reader tells people's tasks, system calls, decisions and ends apart at a glance, in colour and
 * without it.
 */
enum NodeKind {
  // Workflow flowcharts.
  START(Shape.STADIUM, "flowStart", "fill:#e8f5e9,stroke:#2e7d32,stroke-width:2px,color:#1b5e20"),
  COMPLETE(Shape.STADIUM, "flowComplete", "fill:#c8e6c9,stroke:#2e7d32,stroke-width:2px,color:#1b5e20"),
  FAIL(Shape.STADIUM, "flowFail", "fill:#ffebee,stroke:#c62828,stroke-width:2px,color:#b71c1c"),
  CANCEL(Shape.STADIUM, "flowCancel", "fill:#eeeeee,stroke:#616161,stroke-width:2px,stroke-dasharray:4 3,color:#424242"),
  HUMAN(Shape.ROUND, "flowHuman", "fill:#fff8e1,stroke:#f9a825,color:#3e2723"),
  APPROVAL(Shape.ROUND, "flowApproval", "fill:#fff3e0,stroke:#ef6c00,stroke-width:2px,color:#3e2723"),
  SYSTEM(Shape.RECT, "flowSystem", "fill:#e3f2fd,stroke:#1565c0,color:#0d47a1"),
  NOTIFY(Shape.ASYMMETRIC, "flowNotify", "fill:#f3e5f5,stroke:#7b1fa2,color:#4a148c"),
  WAIT(Shape.TRAPEZOID_ALT, "flowWait", "fill:#eceff1,stroke:#546e7a,color:#263238"),
  RECEIVE(Shape.PARALLELOGRAM, "flowReceive", "fill:#e0f7fa,stroke:#00838f,color:#004d40"),
  DECISION(Shape.RHOMBUS, "flowDecision", "fill:#ffffff,stroke:#455a64,color:#263238"),
  GATEWAY(Shape.HEXAGON, "flowGateway", "fill:#ede7f6,stroke:#4527a0,color:#311b92"),
  LOOP(Shape.HEXAGON, "flowLoop", "fill:#e8eaf6,stroke:#283593,color:#1a237e"),
  CALL(Shape.SUBROUTINE, "flowCall", "fill:#e0f2f1,stroke:#00695c,color:#004d40"),
  DATA(Shape.RECT, "flowData", "fill:#fafafa,stroke:#9e9e9e,stroke-dasharray:3 3,color:#616161"),
  UNDO(Shape.RECT, "flowUndo", "fill:#fce4ec,stroke:#ad1457,color:#880e4f"),
  /** A part of the workflow drawn in a chart of its own (an overview's box, a detail's way back). */
  PART(Shape.SUBROUTINE, "flowPart", "fill:#f1f8e9,stroke:#558b2f,stroke-width:2px,stroke-dasharray:6 3,color:#33691e"),
  // Process maps and the landscape.
  PROCESS(Shape.RECT, "flowProcess", "fill:#fffde7,stroke:#827717,stroke-width:2px,color:#33691e"),
  WORKFLOW(Shape.SUBROUTINE, "flowWorkflow", "fill:#e3f2fd,stroke:#1565c0,stroke-width:2px,color:#0d47a1"),
  EVENT(Shape.ASYMMETRIC, "flowEvent", "fill:#e0f7fa,stroke:#00838f,color:#004d40"),
  SCHEDULE(Shape.HEXAGON, "flowSchedule", "fill:#eceff1,stroke:#546e7a,color:#263238"),
  MANUAL(Shape.ROUND, "flowManual", "fill:#fff8e1,stroke:#f9a825,color:#3e2723"),
  EXTERNAL(Shape.SUBROUTINE, "flowExternal", "fill:#fafafa,stroke:#9e9e9e,stroke-dasharray:4 3,color:#616161");

  private final Shape shape;
  private final String cssClass;
  private final String style;

  NodeKind(Shape shape, String cssClass, String style) {
    this.shape = shape;
    this.cssClass = cssClass;
    this.style = style;
  }

  Shape shape() {
    return shape;
  }

  /**
   * The Mermaid class name. All start with {@code flow}: a bare word such as {@code call} or
   * {@code style} is a keyword of Mermaid's flowchart syntax.
   */
  String cssClass() {
    return cssClass;
  }

  /** The {@code classDef} styles: a fixed, trusted string. */
  String style() {
    return style;
  }
}
